/** Les mots des écrans « accounts » en français (partie de fr.ts). */
import type { accountsEn } from './accounts.en.ts';

export const accountsFr: Record<keyof typeof accountsEn, string> = {
  'accounts.title': 'Vos comptes',
  'accounts.status.ok': 'Connecté',
  'accounts.status.authExpired': 'Connexion requise\u00a0: le serveur n’accepte plus l’accès de Braid',
  'accounts.status.unreachable': 'Serveur injoignable\u00a0: Braid réessaiera',
  'accounts.postByDefault': 'Publier ici par défaut',
  'accounts.signInAgain': 'Se reconnecter',
  'accounts.removeLabel': 'Retirer {handle}',
  'accounts.removeConfirm': 'Retirer @{handle} de Braid\u202f? Braid le déconnecte aussi sur son serveur.',
  'accounts.remove': 'Retirer',

  'accounts.rail.label': 'Comptes',
  'accounts.rail.brand': 'Braid',
  'accounts.rail.account':
    '{name} · @{handle} · {network}{status, select, auth_expired { (connexion requise)} unreachable { (serveur injoignable)} other {}}{count, plural, =0 {} one { · # non lue} other { · # non lues}}',
  'accounts.rail.unreadFor': 'non lues pour @{handle}',
  'accounts.rail.add': 'Ajouter un compte',

  'accounts.first.title': 'Ajoutez votre premier compte',
  'accounts.first.intro':
    'Braid lit et publie pour vos comptes Mastodon et Bluesky, autant que vous voulez\u00a0: un seul fil d’accueil, et un seul éditeur qui publie partout.',
  'accounts.first.add': 'Ajouter un compte {network}',

  'accounts.add.title': 'Ajouter un compte',
  'accounts.add.network': 'Réseau',
  'accounts.approve.intro': 'Autorisez Braid sur <strong>{host}</strong>\u00a0: le serveur vous demande votre mot de passe sur sa propre page, jamais Braid.',
  'accounts.approve.introCode':
    'Autorisez Braid sur <strong>{host}</strong>\u00a0: le serveur vous demande votre mot de passe sur sa propre page, jamais Braid. Il affiche ensuite un code à coller ici.',
  'accounts.approve.open': 'Ouvrir {host} pour autoriser Braid',
  'accounts.approve.waiting': 'En attente de {host}… Braid continue tout seul une fois que vous avez autorisé l’accès.',
  'accounts.approve.startAgain': 'Recommencer',
  'accounts.cancel': 'Annuler',
  'accounts.signIn': 'Se connecter',
  'accounts.signingIn': 'Connexion…',
  'accounts.signInWithBrowser': 'Se connecter avec votre navigateur',
  'accounts.bluesky.finding': 'Recherche de votre serveur…',
  'accounts.bluesky.useAppPassword': 'Utiliser plutôt un mot de passe d’application',
  'accounts.bluesky.identifier': 'Identifiant ou adresse e-mail',
  'accounts.bluesky.identifierPlaceholder': 'vous.bsky.social',
  'accounts.bluesky.appPassword': 'Mot de passe d’application',
  'accounts.bluesky.appPasswordHint':
    'Créez-en un pour Braid dans Bluesky\u00a0: Paramètres → Confidentialité et sécurité → Mots de passe d’application. Braid le conserve chiffré.',
  'accounts.bluesky.code': 'Code reçu par e-mail',
  'accounts.bluesky.browserInstead': 'Se connecter plutôt avec votre navigateur',
  'accounts.mastodon.server': 'Votre serveur Mastodon',
  'accounts.mastodon.serverPlaceholder': 'mastodon.social',
  'accounts.mastodon.serverHint': 'L’adresse de votre serveur, ou votre identifiant complet comme @vous@mastodon.social.',
  'accounts.mastodon.contacting': 'Contact du serveur…',
  'accounts.mastodon.codeInstead': 'Se connecter plutôt avec un code',
  'accounts.mastodon.useToken': 'Utiliser un jeton d’accès',
  'accounts.mastodon.pasteCode': 'La page affiche un code\u202f? Collez-le plutôt',
  'accounts.mastodon.codeFrom': 'Code de {host}',
  'accounts.mastodon.finish': 'Terminer la connexion',
  'accounts.mastodon.token': 'Jeton d’accès',
  'accounts.mastodon.tokenHint':
    'Créez-en un sur votre serveur\u00a0: Préférences → Développement → Nouvelle application, avec les autorisations read et write. Braid le conserve comme une connexion et ne l’affiche plus jamais.',
  'accounts.mastodon.signInWithToken': 'Se connecter avec ce jeton',
  'accounts.mastodon.checkingToken': 'Vérification du jeton…',
};
