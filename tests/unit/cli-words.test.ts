/**
 * The command line's language (electron/cli/words.ts) and commander's complaints in it
 * (commander-words.ts), seen as a user sees them: `braid` run as a process (nothing imports the
 * command line), with the environment POSIX reads. Only help and usage errors: no core opens.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 60_000 });

const bin = new URL('../../bin/braid.mjs', import.meta.url).pathname;
const run = promisify(execFile);
const unset = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined, LANGUAGE: undefined };

/** stdout and stderr of `braid args` in this environment (a failing run's too). */
async function braid(args: string[], env: Record<string, string | undefined>): Promise<string> {
  const result = await run(process.execPath, [bin, ...args], { env: { ...process.env, ...unset, ...env } }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  return `${result.stdout}${result.stderr}`;
}

const languageOf = async (env: Record<string, string | undefined>) => ((await braid(['--help'], env)).startsWith('Utilisation\u00a0:') ? 'fr' : 'en');

describe('the command line’s language', () => {
  it('is the first of LC_ALL, LC_MESSAGES and LANG that is set, as POSIX says; else English', async () => {
    const cases: [Record<string, string>, 'en' | 'fr'][] = [
      [{ LANG: 'fr_FR.UTF-8' }, 'fr'],
      [{ LC_MESSAGES: 'fr_CA.UTF-8', LANG: 'en_US.UTF-8' }, 'fr'],
      [{ LC_ALL: 'en_GB.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8', LANG: 'fr_FR.UTF-8' }, 'en'],
      [{ LC_ALL: '', LANG: 'fr_BE@euro' }, 'fr'], // empty is unset
      [{ LANG: 'fr.UTF-8' }, 'fr'],
      [{ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' }, 'en'],
      [{ LANG: 'C.UTF-8' }, 'en'],
      [{ LANG: 'POSIX' }, 'en'],
      [{}, 'en'],
      [{ LANG: 'de_DE.UTF-8' }, 'en'],
    ];
    const found = await Promise.all(cases.map(async ([env]) => languageOf(env)));
    expect(found).toEqual(cases.map(([, language]) => language));
  });
});

describe('commander’s complaints', () => {
  const french = { LANG: 'fr_FR.UTF-8' };

  it('are said in the user’s language, wording by wording', async () => {
    const [typo, choice, extra] = await Promise.all([
      braid(['post', 'x', '--visibilty', 'public'], french),
      braid(['post', 'x', '--visibility', 'everyone'], french),
      braid(['post', 'x', 'y'], french),
    ]);
    expect(typo).toContain('erreur\u00a0: option inconnue «\u202f--visibilty\u202f»\n(Vouliez-vous dire --visibility\u202f?)\n');
    expect(choice).toContain(
      'erreur\u00a0: la valeur «\u202feveryone\u202f» de l’option «\u202f--visibility <visibility>\u202f» n’est pas valide. Valeurs permises\u00a0: public, unlisted, private, direct.',
    );
    expect(extra).toContain('erreur\u00a0: trop d’arguments. 1 attendu, 2 reçus\u00a0: x, y.');
    expect(extra).toContain('(braid --help montre les commandes, braid COMMANDE --help leurs options)');
  });

  it('are commander’s own in English', async () => {
    expect(await braid(['post', 'x', '--visibilty', 'public'], { LANG: 'C' })).toContain("error: unknown option '--visibilty'\n(Did you mean --visibility?)\n");
  });
});
