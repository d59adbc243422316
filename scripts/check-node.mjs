// npm scripts run on the project's pinned Node (node_modules/.bin/node); say so plainly if not.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`Braid needs Node >= 22.13 (found ${process.versions.node}). Run "npm install": it brings the pinned Node 22.`);
  process.exit(1);
}
