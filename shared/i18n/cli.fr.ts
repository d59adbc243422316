/** Les mots de la ligne de commande en français (partie de fr.ts) : jamais son --json. */
import type { cliEn } from './cli.en.ts';

export const cliFr: Record<keyof typeof cliEn, string> = {
  'cli.error': 'braid\u00a0: {message}',
  'cli.unexpected': 'braid\u00a0: erreur inattendue\u00a0: {message}',
  'cli.dataFolder': 'Braid ne peut pas ouvrir son dossier de données {folder}\u00a0: {message}',
  'cli.noAnswer': 'Pas de réponse à «\u202f{question}\u202f»\u00a0: plus rien à lire sur l’entrée standard.',
  'cli.about': '{subject}\u00a0: {message}',

  'cli.help.usage': 'Utilisation\u00a0:',
  'cli.help.arguments': 'Arguments\u00a0:',
  'cli.help.options': 'Options\u00a0:',
  'cli.help.globalOptions': 'Options globales\u00a0:',
  'cli.help.commands': 'Commandes\u00a0:',
  'cli.help.choices': 'valeurs possibles\u00a0: {choices}',
  'cli.help.default': 'par défaut\u00a0: {value}',
  'cli.help.help': 'afficher l’aide de la commande',
  'cli.help.helpCommand': 'afficher l’aide d’une commande',
  'cli.help.version': 'afficher le numéro de version',
  'cli.help.afterError': '(braid --help montre les commandes, braid COMMANDE --help leurs options)',
  'cli.help.program': 'Braid en ligne de commande\u00a0: publier à la fois sur Mastodon et Bluesky, avec les mêmes comptes, règles et boîte d’envoi que l’application.',
  'cli.help.exitCodes': `
Codes de sortie\u00a0:
  0  terminé\u00a0: chaque destination a été publiée
  1  une destination a échoué (les autres restent publiées\u00a0: voir braid outbox list), un
     serveur n’a pas pu être joint, ou --timeout est passé avant que chaque destination soit
     réglée (braid outbox retry les termine)
  2  erreur d’utilisation\u00a0: une option ou un argument incorrect, ou une publication qui ne
     peut pas être envoyée telle quelle (trop longue sans --split…)\u202f; rien n’a été envoyé
  3  configuration ou authentification\u00a0: aucun compte, un --to inconnu, une destination qui
     doit se reconnecter (accès révoqué ou expiré), une connexion refusée`,
  'cli.help.secrets': `
Données et secrets\u00a0:
  La ligne de commande garde ses comptes, sa boîte d’envoi et son cache dans son propre dossier
  de données, jamais celui de l’application de bureau\u00a0: BRAID_DATA_DIR s’il est défini, sinon
  le dossier de l’application suivi de -cli\u00a0:
    Linux    ~/.local/share/braid-cli (ou $XDG_DATA_HOME/braid-cli)
    macOS    ~/Library/Application Support/Braid-cli
    Windows  %APPDATA%\\Braid-cli
  L’application de bureau garde les jetons des comptes dans le trousseau du système, que la
  ligne de commande ne peut pas lire\u00a0: braid a ses propres connexions, chiffrées avec
  BRAID_SECRET_KEY (64 caractères hexadécimaux) ou un fichier de clé dans son dossier de données,
  comme l’hôte navigateur. Faites pointer BRAID_DATA_DIR vers le dossier de données d’un hôte
  navigateur pour partager ses comptes\u202f; jamais vers celui de l’application de bureau.
  Les secrets sont lus dans l’environnement ou tapés sans écho\u00a0: jamais dans les arguments,
  et jamais affichés (pas même avec --json).

Environnement pour les scripts et la CI (braid accounts add … --from-env)\u00a0:
  BRAID_MASTODON_INSTANCE, BRAID_MASTODON_TOKEN   un serveur Mastodon et un jeton d’accès
      créé sur celui-ci (Préférences → Développement → Nouvelle application\u202f; droits read, write)
  BRAID_BLUESKY_HANDLE, BRAID_BLUESKY_APP_PASSWORD   un identifiant Bluesky et un mot de passe d’application`,
  'cli.help.postExamples': `
Exemples\u00a0:
  braid post "Braid 1.2 est sorti\u00a0: https://example.com/1.2"
  braid post --file notes.txt --split --to amy@mastodon.social --to alice.bsky.social
  git log -1 --format=%B | braid post - --image capture.png --alt "Le nouveau fil" --json
  braid post "Version 1.2" --key release-1.2 --dry-run`,
  'cli.help.post': 'Publier avec vos comptes et attendre que chaque destination soit réglée\u00a0: la progression sur stderr, les résultats sur stdout.',
  'cli.help.post.text': 'le texte\u202f; - le lit sur l’entrée standard',
  'cli.help.post.file': 'lire le texte dans un fichier (- pour l’entrée standard)',
  'cli.help.post.to':
    'un compte\u00a0: son identifiant, son nom (amy@mastodon.social, alice.bsky.social) ou nom@serveur\u202f; répétable ou séparé par des virgules (par défaut\u00a0: les comptes qui publient par défaut)',
  'cli.help.post.image': 'joindre une image (répétable, jusqu’à 4)',
  'cli.help.post.alt': 'la description de l’--image de même rang (répétable)',
  'cli.help.post.cw': 'un avertissement de contenu (Mastodon)\u202f; Bluesky n’a pas d’avertissement écrit\u00a0: ajoutez un --label',
  'cli.help.post.label': 'une étiquette Bluesky, répétable\u00a0: {labels}',
  'cli.help.post.visibility': 'qui la voit sur Mastodon (Bluesky est toujours public)',
  'cli.help.post.lang': 'la langue, comme en ou pt-BR',
  'cli.help.post.split': 'autoriser un fil numéroté quand le texte est trop long (sans cela\u00a0: refusé, sortie 2)',
  'cli.help.post.dryRun': 'afficher exactement ce que chaque compte recevrait, sans rien envoyer',
  'cli.help.post.json': 'afficher un objet JSON sur stdout\u00a0: chaque destination avec son état, ses liens et son erreur',
  'cli.help.post.key': 'une clé d’idempotence\u00a0: la même commande avec la même clé reprend la publication au lieu de l’envoyer à nouveau',
  'cli.help.timeout':
    'cesser d’attendre après ce nombre de secondes\u00a0: l’état de chaque destination sur stderr, sortie 1\u202f; la boîte d’envoi reste telle quelle, et braid outbox retry la termine plus tard (par défaut\u00a0: attendre que chaque destination soit réglée)',
  'cli.help.accounts': 'Se connecter, lister et retirer des comptes.',
  'cli.help.accounts.add': 'Se connecter\u00a0: dans le terminal, ou depuis l’environnement (--from-env, ou dès que la variable du jeton ou du mot de passe d’application est définie).',
  'cli.help.accounts.add.network': 'mastodon ou bluesky',
  'cli.help.accounts.add.fromEnv': 'se connecter avec BRAID_MASTODON_INSTANCE + BRAID_MASTODON_TOKEN, ou BRAID_BLUESKY_HANDLE + BRAID_BLUESKY_APP_PASSWORD',
  'cli.help.accounts.add.instance': 'Mastodon\u00a0: le serveur (comme mastodon.social)',
  'cli.help.accounts.add.handle': 'Bluesky\u00a0: l’identifiant (comme alice.bsky.social)',
  'cli.help.accounts.add.loopback': 'Mastodon\u00a0: laisser le navigateur revenir à Braid sur cette machine, au lieu de coller un code',
  'cli.help.accounts.add.json': 'afficher le compte en JSON',
  'cli.help.accounts.list': 'Les comptes avec lesquels Braid publie.',
  'cli.help.accounts.list.check': 'demander à chaque serveur si la connexion fonctionne toujours',
  'cli.help.accounts.list.json': 'les afficher en JSON',
  'cli.help.accounts.remove': 'Se déconnecter et retirer un compte de Braid.',
  'cli.help.accounts.remove.account': 'son identifiant, son nom ou nom@serveur',
  'cli.help.outbox': 'Les publications envoyées et où en est chaque destination\u202f; terminer ce qu’une exécution interrompue a laissé.',
  'cli.help.outbox.list': 'Chaque publication de la boîte d’envoi, avec l’état de chaque destination.',
  'cli.help.outbox.list.json': 'l’afficher en JSON',
  'cli.help.outbox.retry':
    'Reprendre ce qu’une exécution interrompue a laissé et réessayer les destinations en échec (sans jamais publier deux fois), puis attendre que toutes soient réglées.',
  'cli.help.outbox.retry.job': 'seulement cette destination (un identifiant de tâche de braid outbox list)',
  'cli.help.outbox.retry.asThread': 'une destination que son serveur a refusée comme trop longue\u00a0: l’envoyer en fil numéroté',
  'cli.help.outbox.retry.cut': 'une destination que son serveur a refusée comme trop longue\u00a0: la couper pour qu’elle tienne, terminée par …',
  'cli.help.outbox.retry.json': 'afficher les résultats en JSON',
  'cli.help.outbox.discard': 'Retirer une publication de la boîte d’envoi\u00a0: les destinations pas encore publiées sont annulées\u202f; ce qui a été publié reste.',
  'cli.help.outbox.discard.draft': 'son identifiant (de braid outbox list)',
  'cli.help.timeline': 'Le fil d’accueil fusionné, actualisé, les plus récentes d’abord.',
  'cli.help.timeline.limit': 'combien d’éléments',
  'cli.help.timeline.json': 'afficher les éléments en JSON',

  'cli.parse.error': 'erreur\u00a0: {message}',
  'cli.parse.unknownOption': 'option inconnue «\u202f{option}\u202f»',
  'cli.parse.unknownCommand': 'commande inconnue «\u202f{command}\u202f»',
  'cli.parse.missingArgument': 'argument obligatoire manquant «\u202f{argument}\u202f»',
  'cli.parse.optionMissingArgument': 'l’option «\u202f{option}\u202f» demande une valeur',
  'cli.parse.invalidOptionValue': 'la valeur «\u202f{value}\u202f» de l’option «\u202f{option}\u202f» n’est pas valide.',
  'cli.parse.invalidArgumentValue': 'la valeur «\u202f{value}\u202f» de l’argument «\u202f{argument}\u202f» n’est pas valide.',
  'cli.parse.tooManyArguments': 'trop d’arguments. {expected, plural, one {# attendu} other {# attendus}}, {received, plural, one {# reçu} other {# reçus}}\u00a0: {details}.',
  'cli.parse.allowedChoices': 'Valeurs permises\u00a0: {choices}.',
  'cli.parse.didYouMean': '(Vouliez-vous dire {suggestion}\u202f?)',
  'cli.parse.didYouMeanOneOf': '(Vouliez-vous dire l’une de ces options\u00a0: {suggestions}\u202f?)',

  'cli.flag.labels': 'Valeurs permises\u00a0: {labels}.',
  'cli.flag.count': 'Un nombre entier de 1 à 10000.',
  'cli.flag.seconds': 'Un nombre de secondes supérieur à 0, comme 300.',
  'cli.flag.oneFix': 'Choisissez l’un des deux\u00a0: --as-thread ou --cut.',

  'cli.accounts.none': 'Braid n’a encore aucun compte\u00a0: ajoutez-en un avec `braid accounts add mastodon` ou `braid accounts add bluesky`.',
  'cli.accounts.noneYet': 'Aucun compte pour l’instant\u00a0: ajoutez-en un avec `braid accounts add mastodon` ou `braid accounts add bluesky`.',
  'cli.accounts.unknown': 'Aucun compte «\u202f{name}\u202f» dans Braid. Les comptes sont\u00a0:\n{known}',
  'cli.accounts.ambiguous': '«\u202f{name}\u202f» désigne plus d’un compte\u00a0: utilisez l’un de ces identifiants\u00a0:\n{found}',
  'cli.accounts.noDefault': 'Aucun compte ne publie par défaut\u00a0: nommez les comptes avec --to.',
  'cli.accounts.notSet': '--from-env\u00a0: {variable} n’est pas définie.',
  'cli.accounts.signedIn': 'Connecté\u00a0: {account}  {id}',
  'cli.accounts.secrets': 'braid\u00a0: les secrets des comptes sont chiffrés avec {how}.',
  'cli.accounts.signInFailed': 'Connexion à {server} avec {variable}\u00a0: {message}',
  'cli.accounts.askServer': 'Votre serveur Mastodon (comme mastodon.social)\u00a0: ',
  'cli.accounts.openPage': 'Ouvrez cette page dans un navigateur, connectez-vous et autorisez Braid\u00a0:\n\n  {url}\n',
  'cli.accounts.waitingForBrowser': 'En attente du retour du navigateur vers Braid…',
  'cli.accounts.askCode': 'Collez ensuite le code affiché par le serveur\u00a0: ',
  'cli.accounts.askHandle': 'Votre identifiant Bluesky (comme alice.bsky.social)\u00a0: ',
  'cli.accounts.appPasswordHint':
    'Utilisez un mot de passe d’application (Bluesky\u00a0: Paramètres → Confidentialité et sécurité → Mots de passe d’application), pas votre mot de passe principal.',
  'cli.accounts.askAppPassword': 'Mot de passe d’application\u00a0: ',
  'cli.accounts.askEmailCode': 'Code reçu par e-mail\u00a0: ',
  'cli.accounts.status': '{status, select, ok {connecté} auth_expired {doit se reconnecter} other {serveur injoignable}}',
  'cli.accounts.postsByDefault': 'publie par défaut',
  'cli.accounts.onlyWithTo': 'seulement avec --to',
  'cli.accounts.mustSignIn': '{accounts} doit se reconnecter (braid accounts add).',
  'cli.accounts.noAnswer': '{accounts}\u00a0: le serveur n’a pas répondu.',
  'cli.accounts.removed': '{account} retiré',

  'cli.post.textTwice': 'Donnez le texte une seule fois\u00a0: en argument ou avec --file, pas les deux.',
  'cli.post.cannotRead': 'Impossible de lire {flag} {file}\u00a0: {reason}',
  'cli.post.fileNeedsName': '--file demande un nom de fichier (ou - pour l’entrée standard).',
  'cli.post.altCount': '{alts} --alt pour {images} --image\u00a0: chaque --alt décrit l’--image qui le précède.',
  'cli.post.badLanguage': '--lang {tag} n’est pas une étiquette de langue (comme en ou pt-BR).',
  'cli.post.emptyKey': '--key demande une valeur (comme release-1.2.0).',
  'cli.post.imageTooLarge': '--image {file} dépasse 32\u00a0Mo.',
  'cli.post.imageRefused': '--image {file}\u00a0: {message}',
  'cli.post.invalid': 'Cette publication ne peut pas être envoyée telle quelle\u00a0: {problems}',
  'cli.post.nothing': 'Rien à publier\u00a0: donnez le texte (braid post TEXTE, - pour l’entrée standard, ou --file FICHIER), ou une --image.',
  'cli.post.resuming': 'Cette --key a été envoyée le {time}\u00a0: reprise de cette publication, sans l’envoyer à nouveau.',
  'cli.post.textDiffers': 'Remarque\u00a0: son texte diffère de celui donné maintenant\u202f; le texte envoyé alors est conservé.',
  'cli.post.signInFirst': '{account} doit se reconnecter\u00a0: lancez `braid accounts add {network}`.',
  'cli.post.nothingSent': 'Rien n’a été envoyé.',
  'cli.post.nothingSentSplit': 'Rien n’a été envoyé. (--split autorise un fil.)',
  'cli.post.labelWithoutBluesky': 'Remarque\u00a0: --label concerne Bluesky, et aucune destination n’est sur Bluesky.',
  'cli.post.keyDryRun': 'Cette --key a été envoyée le {time}\u00a0: lancer ceci sans --dry-run reprend cette publication\u202f; cela ne l’envoie pas à nouveau.',
  'cli.post.note': 'Remarque\u00a0: {handle}\u00a0: {note}',
  'cli.post.stopped': '\nInterrompu. Ce qui a été envoyé est conservé\u00a0: `braid outbox retry` termine cette publication sans la doubler.',
  'cli.post.stoppedKeyed':
    '\nInterrompu. Ce qui a été envoyé est conservé\u00a0: `braid outbox retry` (ou cette commande à nouveau, avec la même --key) termine cette publication sans la doubler.',

  'cli.plan.visibility': 'visibilité\u00a0: {visibility}',
  'cli.plan.language': 'langue\u00a0: {language}',
  'cli.plan.noLanguage': 'langue\u00a0: non précisée',
  'cli.plan.warning': 'avertissement de contenu\u00a0: {warning}',
  'cli.plan.labels': 'étiquettes\u00a0: {labels}',
  'cli.plan.noLabels': 'étiquettes\u00a0: aucune',
  'cli.plan.length': 'longueur\u00a0: {length} sur {limit} {unit, select, characters {caractères} graphemes {graphèmes} other {octets}}',
  'cli.plan.image': 'image {number}\u00a0: {file} — «\u202f{alt}\u202f»',
  'cli.plan.imageNoAlt': 'image {number}\u00a0: {file} — sans description',
  'cli.plan.post': 'publication\u00a0:',
  'cli.plan.postOf': 'publication {number} sur {count}\u00a0:',
  'cli.plan.note': 'remarque\u00a0: {note}',
  'cli.plan.cannotSend': 'envoi impossible\u00a0: {problem}',
  'cli.plan.dryRun': 'Essai à blanc\u00a0: rien n’a été envoyé.',
  'cli.plan.dryRunBlocked': 'Essai à blanc\u00a0: rien n’a été envoyé, et cette publication ne peut pas être envoyée telle quelle.',

  'cli.state':
    '{state, select, queued {en file} scheduled {programmée} uploading {envoi des images} sending {envoi} checking {vérification} waiting {en attente} posted {publiée} failed {échec} stopped {interrompue} other {{state}}}',
  'cli.progress.queued': 'en file d’attente',
  'cli.progress.uploading': 'envoi des images',
  'cli.progress.uploadingCount': 'envoi des images ({done} sur {total})',
  'cli.progress.sending': 'envoi',
  'cli.progress.checking': 'vérification\u00a0: une tentative précédente a-t-elle été publiée\u202f?',
  'cli.progress.waitingUntil': 'nouvel essai à {time}\u00a0: {reason}',
  'cli.progress.waiting': 'nouvel essai dès que possible\u00a0: {reason}',
  'cli.progress.scheduledFor': 'programmée pour {time}',
  'cli.progress.scheduled': 'programmée pour plus tard',
  'cli.progress.posted': 'publiée {links}',
  'cli.progress.failed': 'échec\u00a0: {reason}',
  'cli.progress.noReason': 'aucune raison donnée',
  'cli.timeout.where': '--timeout est passé. Où en est chaque destination\u00a0:',
  'cli.timeout.passed':
    '--timeout est passé avec {open} {open, plural, one {destination} other {destinations}} sur {count} non {open, plural, one {réglée} other {réglées}}. Elles restent telles quelles dans la boîte d’envoi\u00a0: `braid outbox retry` les termine plus tard sans publier deux fois.',
  'cli.timeout.others':
    '--timeout est passé\u00a0: {count, plural, one {# publication précédente n’est pas terminée} other {# publications précédentes ne sont pas terminées}}\u202f; `braid outbox retry` {count, plural, one {la} other {les}} termine plus tard.',
  'cli.finishingOthers':
    'Fin de {count, plural, one {# publication précédente qu’une exécution interrompue a laissée} other {# publications précédentes qu’une exécution interrompue a laissées}} dans la boîte d’envoi…',
  'cli.advise.signIn': '{handle} doit se reconnecter\u00a0: lancez `braid accounts add {network}`, puis `braid outbox retry {job}`.',
  'cli.advise.gone': 'Le compte {account} n’est plus dans Braid\u00a0: `braid outbox discard` retire cette publication de la boîte d’envoi.',

  'cli.outbox.empty': 'La boîte d’envoi est vide.',
  'cli.outbox.entry': '{draft}  envoyée le {time}  «\u202f{text}\u202f»',
  'cli.outbox.retryHint': '`braid outbox retry` termine ce qui ne l’est pas (destinations interrompues ou en échec).',
  'cli.outbox.tooLong': '{handle}\u00a0: refusée car trop longue\u202f; réessayez avec --as-thread ou --cut.',
  'cli.outbox.noTarget': 'Aucune destination {job} dans la boîte d’envoi (voir braid outbox list).',
  'cli.outbox.nothingToRetry': 'Rien à réessayer\u00a0: chaque destination de la boîte d’envoi est réglée.',
  'cli.outbox.noPost': 'Aucune publication {draft} dans la boîte d’envoi (voir braid outbox list).',
  'cli.outbox.removed': '«\u202f{text}\u202f» retirée de la boîte d’envoi (ce qui a été publié reste publié).',

  'cli.timeline.warning': 'Avertissement\u00a0: {warning}',
  'cli.timeline.media': '{kind, select, image {image} video {vidéo} gifv {GIF} audio {audio} other {pièce jointe}}',

  // The archive (electron/cli/archive.ts)
  'cli.help.archive': 'Vos propres publications sur chaque compte, gardées sur cet ordinateur\u00a0: les mettre à jour, importer, chercher, exporter.',
  'cli.help.archive.sync': 'Lire chaque publication de vos comptes (tout l’historique la première fois, puis ce qui est nouveau)\u202f; arrêté par Ctrl-C, le lancement suivant reprend.',
  'cli.help.archive.sync.account': 'seulement ce compte (identifiant ou id\u202f; à répéter ou séparer par des virgules)',
  'cli.help.archive.import': 'Importer un fichier d’export hors ligne\u00a0: un export de compte Mastodon (.zip), un dépôt Bluesky (.car) ou une archive Twitter/X (.zip).',
  'cli.help.archive.import.file': 'le fichier d’export',
  'cli.help.archive.search': 'Chercher dans l’archive (accents ignorés\u202f; japonais et chinois trouvés à l’intérieur des mots).',
  'cli.help.archive.search.query': 'les mots à chercher',
  'cli.help.archive.search.account': 'seulement les publications de ce compte (répétable)',
  'cli.help.archive.search.network': 'seulement ce réseau (mastodon, bluesky, twitter\u202f; répétable)',
  'cli.help.archive.search.since': 'les publications à partir de cette date (AAAA-MM-JJ)',
  'cli.help.archive.search.until': 'les publications avant cette date (AAAA-MM-JJ)',
  'cli.help.archive.search.media': 'seulement les publications avec images ou vidéos',
  'cli.help.archive.search.replies': 'seulement les réponses',
  'cli.help.archive.search.noReplies': 'sans les réponses',
  'cli.help.archive.search.best': 'les meilleures correspondances d’abord (par défaut\u00a0: les plus récentes)',
  'cli.help.archive.export': 'Écrire toute l’archive dans un nouveau dossier\u00a0: posts.jsonl, media/ et des pages web qui s’ouvrent dans tout navigateur\u202f; puis la vérifier.',
  'cli.help.archive.export.dir': 'un dossier qui n’existe pas encore, ou vide',
  'cli.help.archive.status': 'Combien de publications l’archive de chaque compte contient, et si son import est complet.',
  'cli.help.json': 'afficher le résultat en JSON',
  'cli.flag.date': 'une date est attendue, par exemple 2024-05-31.',
  'cli.archive.progress': '{archived, plural, one {# publication archivée} other {# publications archivées}} ({added} nouvelles, page {pages})',
  'cli.archive.waiting': 'le serveur demande d’attendre\u00a0: reprise à {time}',
  'cli.archive.synced': 'à jour, {archived, plural, one {# publication archivée} other {# publications archivées}} ({added} nouvelles)',
  'cli.archive.paused': 'arrêté à {archived, plural, one {# publication} other {# publications}} ({added} nouvelles)\u202f; `braid archive sync` reprend',
  'cli.archive.mediaMissing': '{count, plural, one {# image ou vidéo n’est} other {# images et vidéos ne sont}} pas encore {count, plural, one {téléchargée} other {téléchargées}}\u00a0: la prochaine mise à jour réessaie.',
  'cli.archive.importing': '{added, plural, one {# publication importée} other {# publications importées}} jusqu’ici…',
  'cli.archive.imported': '{added, plural, one {# nouvelle publication importée} other {# nouvelles publications importées}} de {label} ({posts} dans le fichier).',
  'cli.archive.unreadable': '{count, plural, one {# entrée} other {# entrées}} du fichier {count, plural, one {n’a pas pu être lue et a été laissée} other {n’ont pas pu être lues et ont été laissées}} de côté.',
  'cli.archive.deleted': '(supprimée de son serveur)',
  'cli.archive.noMatch': 'Rien dans l’archive ne correspond.',
  'cli.archive.exporting': 'Export\u00a0: {done} publications sur {total}…',
  'cli.archive.checking': 'Vérification de l’export\u00a0: {done} sur {total}…',
  'cli.archive.exported': '{posts, plural, one {# publication exportée} other {# publications exportées}} et {media, plural, one {# fichier média} other {# fichiers médias}} dans {dir}',
  'cli.archive.checked': 'Vérifié\u00a0: chaque publication est là et chaque fichier média correspond à son empreinte.',
  'cli.archive.checkFailed': 'La vérification de l’export a trouvé des problèmes\u00a0:',
  'cli.archive.count': '{posts, plural, one {# publication} other {# publications}}{deleted, plural, =0 {} one {, # supprimée de son serveur} other {, # supprimées de leur serveur}}',
  'cli.archive.stateStopped': 'import arrêté en cours de route\u00a0: `braid archive sync` le reprend',
  'cli.archive.stateNotComplete': 'tout l’historique n’a pas encore été lu\u00a0: `braid archive sync`',
  'cli.archive.empty': 'L’archive est vide\u00a0: `braid archive sync` lit les publications de vos comptes.',

  // People (electron/cli/people.ts)
  'cli.help.people': 'Personnes\u00a0: retrouver sur votre autre réseau celles que vous suivez, et les y suivre.',
  'cli.help.people.find': 'Pour chaque personne suivie par un compte, chercher la même personne sur un autre réseau, avec les preuves (Bridgy Fed, profils qui se nomment, liens de leur site web, un nom seul comme un peut-être).',
  'cli.help.people.find.from': 'le compte dont chercher les abonnements',
  'cli.help.people.find.fromFile': 'au lieu de --from\u00a0: une archive de données Twitter/X (son zip)\u00a0: ses abonnements et ses abonnés, cherchés par identifiant et nom seulement (chaque correspondance un peut-être)',
  'cli.help.people.find.to': 'le compte avec lequel chercher, sur l’autre réseau (par défaut\u00a0: le seul qui s’y trouve)',
  'cli.help.people.find.noNames': 'ne pas chercher les noms affichés quand rien d’autre n’a été trouvé',
  'cli.help.people.find.noWebsites': 'ne pas lire les sites web liés par les profils (leurs liens rel="me" vers l’autre réseau)',
  'cli.help.people.follow': 'Suivre des personnes en tant qu’un compte, une à la fois\u202f; relancer la commande termine ce qu’un arrêt a laissé (un abonnement existant est un succès).',
  'cli.help.people.follow.people': 'les personnes\u00a0: identifiants, adresses ou id (comme `people find --json` les affiche)',
  'cli.help.people.follow.to': 'le compte qui les suit',
  'cli.people.chooseTo': 'Choisissez le compte avec lequel chercher\u00a0: --to COMPTE (un compte sur un autre réseau).',
  'cli.people.chooseFrom': 'Dites de qui chercher les abonnements\u00a0: --from COMPTE ou --from-file ARCHIVE.zip.',
  'cli.people.unnamed': 'Identifiants et noms seulement, chaque correspondance un peut-être\u00a0: {count, plural, =0 {l’archive nomme tout le monde.} one {# personne n’a pas de nom dans l’archive et n’a pas été cherchée.} other {# personnes n’ont pas de nom dans l’archive et n’ont pas été cherchées.}}',
  'cli.people.nobody': 'Nommez au moins une personne à suivre.',
  'cli.people.looking': '{done} personnes cherchées sur {total}…',
  'cli.people.confidence': '{confidence, select, sure {sûr} likely {probable} other {peut-être}}',
  'cli.people.following': '(déjà suivi)',
  'cli.people.evidence': '{kind, select, bridged {relayé par Bridgy Fed} names {{by, select, followed {son profil nomme ce compte} other {le profil de ce compte le nomme}}{verified, select, yes { (lien vérifié)} other {}}} handle {même nom d’utilisateur seulement} website {son site web renvoie vers ce compte} other {même nom seulement}}',
  'cli.people.found': '{found} personnes trouvées sur {total}.',
  'cli.people.unfinished': '{count, plural, one {# personne n’a pas pu être cherchée} other {# personnes n’ont pas pu être cherchées}} (leur serveur a échoué)\u00a0: relancez plus tard.',
  'cli.people.following.progress': '{done} suivies sur {total}…',
  'cli.people.followed': '{done} suivies sur {total} en tant que {handle}.{requested, plural, =0 {} one { Dont # demande\u00a0: cette personne approuve ses abonnés.} other { Dont # demandes\u00a0: ces personnes approuvent leurs abonnés.}}',
};
