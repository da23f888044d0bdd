<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CacaoPlaybook</name>
    <message>
        <source>property &quot;%1&quot; is not defined by CACAO 2.0 and is ignored</source>
        <translation>la propriété « %1 » n’est pas définie par CACAO 2.0 et est ignorée</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a step id (a step type, &quot;--&quot; and a UUID), so no schema checks this step</source>
        <translation>« %1 » n’est pas un identifiant d’étape (un type d’étape, « -- » et un UUID) : aucun schéma ne vérifie donc cette étape</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of entry CACAO 2.0 defines in %2: it is not checked</source>
        <translation>« %1 » n’est pas un type d’entrée que CACAO 2.0 définit dans %2 : elle n’est pas vérifiée</translation>
    </message>
    <message>
        <source>step &quot;%1&quot; is not in the workflow</source>
        <translation>l’étape « %1 » n’est pas dans le workflow</translation>
    </message>
    <message>
        <source>step &quot;%1&quot; is of type %2, not start</source>
        <translation>l’étape « %1 » est de type %2, et non start</translation>
    </message>
    <message>
        <source>extension &quot;%1&quot; is not in extension_definitions</source>
        <translation>l’extension « %1 » n’est pas dans extension_definitions</translation>
    </message>
    <message>
        <source>on_completion cannot be used with on_success or on_failure</source>
        <translation>on_completion ne peut pas être utilisé avec on_success ou on_failure</translation>
    </message>
    <message>
        <source>agent &quot;%1&quot; is not in agent_definitions</source>
        <translation>l’agent « %1 » n’est pas dans agent_definitions</translation>
    </message>
    <message>
        <source>target &quot;%1&quot; is not in target_definitions</source>
        <translation>la cible « %1 » n’est pas dans target_definitions</translation>
    </message>
    <message>
        <source>authentication info &quot;%1&quot; is not in authentication_info_definitions</source>
        <translation>les informations d’authentification « %1 » ne sont pas dans authentication_info_definitions</translation>
    </message>
    <message>
        <source>data marking &quot;%1&quot; is not in data_marking_definitions</source>
        <translation>le marquage de données « %1 » n’est pas dans data_marking_definitions</translation>
    </message>
    <message>
        <source>no end step can be reached from workflow_start &quot;%1&quot;</source>
        <translation>aucune étape de fin n’est accessible depuis workflow_start « %1 »</translation>
    </message>
    <message>
        <source>no step leads to this step from workflow_start</source>
        <translation>aucune étape ne mène à cette étape depuis workflow_start</translation>
    </message>
    <message>
        <source>modified (%1) is earlier than created (%2)</source>
        <translation>modified (%1) est antérieur à created (%2)</translation>
    </message>
    <message>
        <source>valid_until (%1) is not later than valid_from (%2)</source>
        <translation>valid_until (%1) n’est pas postérieur à valid_from (%2)</translation>
    </message>
    <message>
        <source>the bundled CACAO 2.0 schemas are missing</source>
        <translation>les schémas CACAO 2.0 intégrés sont introuvables</translation>
    </message>
    <message>
        <source>line %1, column %2 (byte %3): %4</source>
        <translation>ligne %1, colonne %2 (octet %3) : %4</translation>
    </message>
    <message>
        <source>the playbook is not valid JSON: %1</source>
        <translation>le playbook n’est pas un JSON valide : %1</translation>
    </message>
    <message>
        <source>a CACAO playbook is a JSON object, this document is an array</source>
        <translation>un playbook CACAO est un objet JSON ; ce document est un tableau</translation>
    </message>
    <message numerus="yes">
        <source>the playbook is not valid CACAO 2.0 (%n error(s)):</source>
        <translation>
            <numerusform>le playbook n’est pas conforme à CACAO 2.0 (%n erreur) :</numerusform>
            <numerusform>le playbook n’est pas conforme à CACAO 2.0 (%n erreurs) :</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>The store (default: %1).</source>
        <translation>La base (par défaut : %1).</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>Écrire du JSON.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Detect the format of each file and import its events into the store.</source>
        <translation>Détecter le format de chaque fichier et importer ses événements dans la base.</translation>
    </message>
    <message>
        <source>The layout of the files (default: auto).</source>
        <translation>Le format des fichiers (par défaut : auto).</translation>
    </message>
    <message>
        <source>Files to import.</source>
        <translation>Fichiers à importer.</translation>
    </message>
    <message>
        <source>import: name at least one file</source>
        <translation>import : indiquez au moins un fichier</translation>
    </message>
    <message>
        <source>%1: not imported: %2
</source>
        <translation>%1 : non importé : %2
</translation>
    </message>
    <message>
        <source>%1: %2, %3 accepted, %4 duplicates, %5 rejected
</source>
        <translation>%1 : %2, %3 acceptés, %4 doublons, %5 rejetés
</translation>
    </message>
    <message>
        <source>  %1: %2
</source>
        <translation>  %1 : %2
</translation>
    </message>
    <message>
        <source>  … and %1 more rejected lines
</source>
        <translation>  … et %1 autres lignes rejetées
</translation>
    </message>
    <message>
        <source>total: %1 accepted, %2 duplicates, %3 rejected
</source>
        <translation>total : %1 acceptés, %2 doublons, %3 rejetés
</translation>
    </message>
    <message>
        <source>List alerts, newest first.</source>
        <translation>Lister les alertes, les plus récentes d’abord.</translation>
    </message>
    <message>
        <source>new, in_progress or closed.</source>
        <translation>new, in_progress ou closed.</translation>
    </message>
    <message>
        <source>Only alerts of at least this severity (0–100).</source>
        <translation>Seulement les alertes d’au moins cette gravité (0–100).</translation>
    </message>
    <message>
        <source>Same as --min-severity.</source>
        <translation>Comme --min-severity.</translation>
    </message>
    <message>
        <source>Only alerts of this host name or IP.</source>
        <translation>Seulement les alertes de ce nom d’hôte ou de cette IP.</translation>
    </message>
    <message>
        <source>Full-text search in rule names, command lines, paths and URLs.</source>
        <translation>Recherche plein texte dans les noms de règles, lignes de commande, chemins et URL.</translation>
    </message>
    <message>
        <source>At most N alerts (default 100; 0 for all).</source>
        <translation>Au plus N alertes (100 par défaut ; 0 pour toutes).</translation>
    </message>
    <message>
        <source>alerts: --limit takes a whole number</source>
        <translation>alerts : --limit prend un nombre entier</translation>
    </message>
    <message>
        <source>no store at %1 (run vigie import first)</source>
        <translation>aucune base à %1 (lancez d’abord vigie import)</translation>
    </message>
    <message>
        <source>no alerts match
</source>
        <translation>aucune alerte ne correspond
</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>commande inconnue « %1 »</translation>
    </message>
    <message>
        <source>Serve datasets over HTTPS and WSS like a real sensor: an Elasticsearch-compatible _search, a WebSocket stream, a TheHive-style /api/v1/query, the Wazuh manager API and response-action endpoints.</source>
        <translation>Servir des jeux de données en HTTPS et WSS comme un vrai capteur : un _search compatible Elasticsearch, un flux WebSocket, un /api/v1/query à la TheHive, l’API du manager Wazuh et des points d’entrée d’actions de réponse.</translation>
    </message>
    <message>
        <source>A file to serve, or INDEX=FILE (repeat).</source>
        <translation>Un fichier à servir, ou INDEX=FICHIER (répétable).</translation>
    </message>
    <message>
        <source>Address and port (default 127.0.0.1:9200; port 0: any).</source>
        <translation>Adresse et port (127.0.0.1:9200 par défaut ; port 0 : n’importe lequel).</translation>
    </message>
    <message>
        <source>PEM certificate (chain) to serve.</source>
        <translation>Certificat PEM (chaîne) à présenter.</translation>
    </message>
    <message>
        <source>PEM private key of the certificate.</source>
        <translation>Clé privée PEM du certificat.</translation>
    </message>
    <message>
        <source>Make a throw-away self-signed certificate.</source>
        <translation>Créer un certificat autosigné jetable.</translation>
    </message>
    <message>
        <source>Release N events per second.</source>
        <translation>Libérer N événements par seconde.</translation>
    </message>
    <message>
        <source>Release events with their original spacing.</source>
        <translation>Libérer les événements avec leur espacement d’origine.</translation>
    </message>
    <message>
        <source>Release everything at once (default).</source>
        <translation>Tout libérer d’un coup (par défaut).</translation>
    </message>
    <message>
        <source>Required credentials: basic:USER:PASS, bearer:TOKEN or apikey:VALUE.</source>
        <translation>Identifiants exigés : basic:UTILISATEUR:MOT_DE_PASSE, bearer:JETON ou apikey:VALEUR.</translation>
    </message>
    <message>
        <source>Lifetime of the Wazuh API tokens it issues, in seconds (default 900).</source>
        <translation>Durée de vie des jetons d’API Wazuh émis, en secondes (900 par défaut).</translation>
    </message>
    <message>
        <source>Compress responses when the client accepts gzip.</source>
        <translation>Compresser les réponses quand le client accepte gzip.</translation>
    </message>
    <message>
        <source>Events per WebSocket message at most (default 100).</source>
        <translation>Événements par message WebSocket au plus (100 par défaut).</translation>
    </message>
    <message>
        <source>Append received response actions to this file (JSON lines).</source>
        <translation>Ajouter les actions de réponse reçues à ce fichier (lignes JSON).</translation>
    </message>
    <message>
        <source>Misbehave on purpose (repeat): drop-after=N, stall-after=N[:MS], malformed-at=N, oversize-at=N[:BYTES], reject-auth, status=CODE[:COUNT].</source>
        <translation>Mal se comporter exprès (répétable) : drop-after=N, stall-after=N[:MS], malformed-at=N, oversize-at=N[:OCTETS], reject-auth, status=CODE[:NOMBRE].</translation>
    </message>
    <message>
        <source>More files to serve.</source>
        <translation>D’autres fichiers à servir.</translation>
    </message>
    <message>
        <source>sensor: --listen takes HOST:PORT</source>
        <translation>sensor : --listen prend HÔTE:PORT</translation>
    </message>
    <message>
        <source>sensor: bad port in --listen %1</source>
        <translation>sensor : port invalide dans --listen %1</translation>
    </message>
    <message>
        <source>sensor: give either --tls-cert and --tls-key, or --self-signed</source>
        <translation>sensor : donnez soit --tls-cert et --tls-key, soit --self-signed</translation>
    </message>
    <message>
        <source>sensor: the sensor speaks TLS only: give --tls-cert and --tls-key, or --self-signed</source>
        <translation>sensor : le capteur ne parle que TLS : donnez --tls-cert et --tls-key, ou --self-signed</translation>
    </message>
    <message>
        <source>sensor: --rate takes a positive number of events per second</source>
        <translation>sensor : --rate prend un nombre positif d’événements par seconde</translation>
    </message>
    <message>
        <source>sensor: serving %1 documents (%2 alerts) on %3 and %4/stream
</source>
        <translation>sensor : %1 documents (%2 alertes) servis sur %3 et %4/stream
</translation>
    </message>
    <message>
        <source>sensor: certificate key pin %1
</source>
        <translation>sensor : empreinte de la clé du certificat %1
</translation>
    </message>
    <message>
        <source>sensor: stopping after serving %1 events
</source>
        <translation>sensor : arrêt après %1 événements servis
</translation>
    </message>
    <message>
        <source>Add (or replace) a connector. Secrets are never stored in the store: --secret-from keyring (the OS keyring; the secret is read from standard input), env:VARIABLE or file:PATH.</source>
        <translation>Ajouter (ou remplacer) un connecteur. Les secrets ne sont jamais écrits dans la base : --secret-from keyring (le trousseau du système ; le secret est lu sur l’entrée standard), env:VARIABLE ou file:CHEMIN.</translation>
    </message>
    <message>
        <source>elastic, websocket, thehive, rest, wazuh or eve-file.</source>
        <translation>elastic, websocket, thehive, rest, wazuh ou eve-file.</translation>
    </message>
    <message>
        <source>The sensor&apos;s URL (https://host:port, wss://host:port/path).</source>
        <translation>L’URL du capteur (https://hôte:port, wss://hôte:port/chemin).</translation>
    </message>
    <message>
        <source>elastic: the index pattern.</source>
        <translation>elastic : le motif d’index.</translation>
    </message>
    <message>
        <source>eve-file: the file to follow.</source>
        <translation>eve-file : le fichier à suivre.</translation>
    </message>
    <message>
        <source>Trust the authorities in this PEM file instead of the system&apos;s.</source>
        <translation>Faire confiance aux autorités de ce fichier PEM plutôt qu’à celles du système.</translation>
    </message>
    <message>
        <source>Trust exactly this server key (sha256/BASE64), for self-signed lab sensors.</source>
        <translation>Faire confiance exactement à cette clé de serveur (sha256/BASE64), pour les capteurs de labo autosignés.</translation>
    </message>
    <message>
        <source>none, basic, bearer or apikey.</source>
        <translation>none, basic, bearer ou apikey.</translation>
    </message>
    <message>
        <source>User name for basic authentication and Wazuh.</source>
        <translation>Nom d’utilisateur pour l’authentification basic et Wazuh.</translation>
    </message>
    <message>
        <source>keyring, env:VARIABLE or file:PATH.</source>
        <translation>keyring, env:VARIABLE ou file:CHEMIN.</translation>
    </message>
    <message>
        <source>Any other setting, as KEY=JSON-or-text (repeat).</source>
        <translation>Tout autre réglage, sous la forme CLÉ=JSON-ou-texte (répétable).</translation>
    </message>
    <message>
        <source>Add it disabled.</source>
        <translation>L’ajouter désactivé.</translation>
    </message>
    <message>
        <source>The connector&apos;s name.</source>
        <translation>Le nom du connecteur.</translation>
    </message>
    <message>
        <source>connector add: give one NAME</source>
        <translation>connector add : donnez un NOM</translation>
    </message>
    <message>
        <source>connector add: --set takes KEY=VALUE, not %1</source>
        <translation>connector add : --set prend CLÉ=VALEUR, pas %1</translation>
    </message>
    <message>
        <source>Secret for %1 (read from standard input, not echoed to any log): </source>
        <translation>Secret de %1 (lu sur l’entrée standard, jamais écrit dans un journal) : </translation>
    </message>
    <message>
        <source>connector %1 (%2) saved
</source>
        <translation>connecteur %1 (%2) enregistré
</translation>
    </message>
    <message>
        <source>List the configured connectors.</source>
        <translation>Lister les connecteurs configurés.</translation>
    </message>
    <message>
        <source>  (disabled)</source>
        <translation>  (désactivé)</translation>
    </message>
    <message>
        <source>no connectors; add one with: vigie connector add NAME --kind KIND --url URL
</source>
        <translation>aucun connecteur ; ajoutez-en un avec : vigie connector add NOM --kind TYPE --url URL
</translation>
    </message>
    <message>
        <source>Remove a connector&apos;s configuration (its events stay).</source>
        <translation>Supprimer la configuration d’un connecteur (ses événements restent).</translation>
    </message>
    <message>
        <source>connector remove: give one NAME</source>
        <translation>connector remove : donnez un NOM</translation>
    </message>
    <message>
        <source>no connector is named %1</source>
        <translation>aucun connecteur ne s’appelle %1</translation>
    </message>
    <message>
        <source>connector %1 removed; its events stay in the store
</source>
        <translation>connecteur %1 supprimé ; ses événements restent dans la base
</translation>
    </message>
    <message>
        <source>Run connectors until they are caught up (or, with --follow, until interrupted). Exit status 0 when every one caught up, 2 when one failed.</source>
        <translation>Faire tourner des connecteurs jusqu’à ce qu’ils soient à jour (ou, avec --follow, jusqu’à interruption). Code de sortie 0 quand tous sont à jour, 2 quand l’un a échoué.</translation>
    </message>
    <message>
        <source>Keep following new events until interrupted.</source>
        <translation>Continuer à suivre les nouveaux événements jusqu’à interruption.</translation>
    </message>
    <message>
        <source>Every enabled connector.</source>
        <translation>Tous les connecteurs activés.</translation>
    </message>
    <message>
        <source>First retry delay (default 500).</source>
        <translation>Délai avant le premier nouvel essai (500 par défaut).</translation>
    </message>
    <message>
        <source>Connectors to run.</source>
        <translation>Connecteurs à lancer.</translation>
    </message>
    <message>
        <source>connector pull: name a connector, or --all</source>
        <translation>connector pull : nommez un connecteur, ou --all</translation>
    </message>
    <message>
        <source>%1: %2 — %3 delivered, %4 new, %5 refused%6
</source>
        <translation>%1 : %2 — %3 livrés, %4 nouveaux, %5 refusés%6
</translation>
    </message>
    <message>
        <source>caught up</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>usage: vigie sensor serve --data FILE… [--listen HOST:PORT] [--self-signed | --tls-cert F --tls-key F] [--rate N | --realtime | --max] [--fault F]…</source>
        <translation>usage : vigie sensor serve --data FICHIER… [--listen HÔTE:PORT] [--self-signed | --tls-cert F --tls-key F] [--rate N | --realtime | --max] [--fault F]…</translation>
    </message>
    <message>
        <source>usage: vigie connector add|list|remove|pull …  (vigie connector SUB --help)</source>
        <translation>usage : vigie connector add|list|remove|pull …  (vigie connector SOUS-COMMANDE --help)</translation>
    </message>
    <message>
        <source>%1: unknown status &apos;%2&apos; (new, in_progress, closed)</source>
        <translation>%1 : statut inconnu « %2 » (new, in_progress, closed)</translation>
    </message>
    <message>
        <source>%1: --%2 takes a number from 0 to 100</source>
        <translation>%1 : --%2 prend un nombre de 0 à 100</translation>
    </message>
    <message>
        <source>Undo a triage action of the history.</source>
        <translation>Annuler une action de tri de l’historique.</translation>
    </message>
    <message>
        <source>Who undoes it (default: $USER).</source>
        <translation>Qui l’annule (par défaut : $USER).</translation>
    </message>
    <message>
        <source>The history entry.</source>
        <translation>L’entrée de l’historique.</translation>
    </message>
    <message>
        <source>triage undo: give the history entry&apos;s number</source>
        <translation>triage undo : donnez le numéro de l’entrée de l’historique</translation>
    </message>
    <message>
        <source>entry %1 undone: %2 alerts restored
</source>
        <translation>entrée %1 annulée : %2 alertes rétablies
</translation>
    </message>
    <message>
        <source>The triage history, newest first.</source>
        <translation>L’historique du tri, le plus récent d’abord.</translation>
    </message>
    <message>
        <source>At most N entries (default 50).</source>
        <translation>Au plus N entrées (50 par défaut).</translation>
    </message>
    <message>
        <source> (undone)</source>
        <translation> (annulée)</translation>
    </message>
    <message>
        <source>usage: vigie triage %1 [--id N]… [filter] … | undo ID | history</source>
        <translation>usage : vigie triage %1 [--id N]… [filtre] … | undo ID | history</translation>
    </message>
    <message>
        <source>Triage alerts: the listed ones (--id), or every alert matching the filter (no cap; --all for every alert). Each action is recorded in the history and can be undone.</source>
        <translation>Trier des alertes : celles listées (--id), ou toutes celles qui correspondent au filtre (sans plafond ; --all pour toutes). Chaque action est inscrite dans l’historique et peut être annulée.</translation>
    </message>
    <message>
        <source>An alert (repeat).</source>
        <translation>Une alerte (répétable).</translation>
    </message>
    <message>
        <source>Every alert, when no filter is given.</source>
        <translation>Toutes les alertes, quand aucun filtre n’est donné.</translation>
    </message>
    <message>
        <source>Assign to this analyst.</source>
        <translation>Assigner à cet analyste.</translation>
    </message>
    <message>
        <source>The new severity (0–100).</source>
        <translation>La nouvelle gravité (0–100).</translation>
    </message>
    <message>
        <source>true_positive, false_positive or benign.</source>
        <translation>true_positive, false_positive ou benign.</translation>
    </message>
    <message>
        <source>Why it is closed.</source>
        <translation>Pourquoi elle est fermée.</translation>
    </message>
    <message>
        <source>Add a tag (repeat).</source>
        <translation>Ajouter une étiquette (répétable).</translation>
    </message>
    <message>
        <source>Remove a tag (repeat).</source>
        <translation>Retirer une étiquette (répétable).</translation>
    </message>
    <message>
        <source>Add a note.</source>
        <translation>Ajouter une note.</translation>
    </message>
    <message>
        <source>Who acts (default: $USER).</source>
        <translation>Qui agit (par défaut : $USER).</translation>
    </message>
    <message>
        <source>triage: --id takes an alert number, not %1</source>
        <translation>triage : --id prend un numéro d’alerte, pas %1</translation>
    </message>
    <message>
        <source>triage: name alerts with --id or a filter, or say --all</source>
        <translation>triage : désignez des alertes avec --id ou un filtre, ou dites --all</translation>
    </message>
    <message>
        <source>triage: give --id or a filter, not both</source>
        <translation>triage : donnez --id ou un filtre, pas les deux</translation>
    </message>
    <message>
        <source>triage assign: give --assignee (empty to unassign)</source>
        <translation>triage assign : donnez --assignee (vide pour désassigner)</translation>
    </message>
    <message>
        <source>triage close: give --disposition true_positive, false_positive or benign</source>
        <translation>triage close : donnez --disposition true_positive, false_positive ou benign</translation>
    </message>
    <message>
        <source>triage set-severity: give --set-severity from 0 to 100</source>
        <translation>triage set-severity : donnez --set-severity de 0 à 100</translation>
    </message>
    <message>
        <source>triage tag: give --tag or --untag</source>
        <translation>triage tag : donnez --tag ou --untag</translation>
    </message>
    <message>
        <source>triage note: give --note</source>
        <translation>triage note : donnez --note</translation>
    </message>
    <message>
        <source>%1: %2 alerts (history entry %3; undo with: vigie triage undo %3)
</source>
        <translation>%1 : %2 alertes (entrée %3 de l’historique ; annuler avec : vigie triage undo %3)
</translation>
    </message>
    <message>
        <source>The workbench&apos;s filter language: host:, user:, src:, dst:, rule:, technique:, source:, assignee:, tag:, incident:, status:, severity:, since:, until: and free text.</source>
        <translation>Le langage de filtre de l’atelier : host:, user:, src:, dst:, rule:, technique:, source:, assignee:, tag:, incident:, status:, severity:, since:, until: et texte libre.</translation>
    </message>
    <message>
        <source>%1: --query: %2</source>
        <translation>%1 : --query : %2</translation>
    </message>
    <message>
        <source>Do not run the detection rules on the events (default: run them).</source>
        <translation>Ne pas appliquer les règles de détection aux événements (par défaut : elles sont appliquées).</translation>
    </message>
    <message>
        <source>Sigma rules to run instead of the bundled ones (a folder).</source>
        <translation>Règles Sigma à appliquer au lieu de celles fournies (un dossier).</translation>
    </message>
    <message>
        <source>sigma: %1: %2
</source>
        <translation>sigma : %1 : %2
</translation>
    </message>
    <message>
        <source>  %1 alerts raised by detection
</source>
        <translation>  %1 alertes levées par la détection
</translation>
    </message>
    <message>
        <source>Run the detection rules over the events already in the store; hits become alerts (a hit already raised is not raised again).</source>
        <translation>Appliquer les règles de détection aux événements déjà dans le magasin ; les correspondances deviennent des alertes (une alerte déjà levée ne l’est pas de nouveau).</translation>
    </message>
    <message>
        <source>Only events at least this recent: 24h, 7d, or a UTC date.</source>
        <translation>Seulement les événements au moins aussi récents : 24h, 7d, ou une date UTC.</translation>
    </message>
    <message>
        <source>List every rule left out, with the reason.</source>
        <translation>Lister chaque règle écartée, avec la raison.</translation>
    </message>
    <message>
        <source>hunt: --since: %1</source>
        <translation>hunt : --since : %1</translation>
    </message>
    <message>
        <source>hunt: no usable Sigma rule (%1 left out)</source>
        <translation>hunt : aucune règle Sigma utilisable (%1 écartées)</translation>
    </message>
    <message>
        <source>%1 rules (%2 left out) over %3 events in %4 s: %5 hits, %6 new alerts
</source>
        <translation>%1 règles (%2 écartées) sur %3 événements en %4 s : %5 correspondances, %6 nouvelles alertes
</translation>
    </message>
    <message>
        <source>Also sweep for the indicators of this list: text (one per line), CSV or a STIX 2.1 bundle. Repeatable.</source>
        <translation>Rechercher aussi les indicateurs de cette liste : texte (un par ligne), CSV ou paquet STIX 2.1. Répétable.</translation>
    </message>
    <message>
        <source>Do not run the Sigma rules (only --ioc).</source>
        <translation>Ne pas appliquer les règles Sigma (seulement --ioc).</translation>
    </message>
    <message>
        <source>hunt: no usable indicator in the lists</source>
        <translation>hunt : aucun indicateur utilisable dans les listes</translation>
    </message>
    <message>
        <source>analytics: %1
</source>
        <translation>analyses : %1
</translation>
    </message>
    <message>
        <source>%1 alerts raised by the analytics
</source>
        <translation>%1 alertes levées par les analyses
</translation>
    </message>
    <message>
        <source>Do not run the built-in analytics.</source>
        <translation>Ne pas lancer les analyses intégrées.</translation>
    </message>
    <message>
        <source>hunt: nothing to run</source>
        <translation>hunt : rien à lancer</translation>
    </message>
    <message>
        <source>Only rules of this level and above: informational, low, medium, high, critical.</source>
        <translation>Seulement les règles de ce niveau et au-dessus : informational, low, medium, high, critical.</translation>
    </message>
    <message>
        <source>Leave out rules of these statuses (comma-separated: experimental, test, deprecated, unsupported).</source>
        <translation>Écarter les règles de ces statuts (séparés par des virgules : experimental, test, deprecated, unsupported).</translation>
    </message>
    <message>
        <source>--min-level: one of %1</source>
        <translation>--min-level : l’un de %1</translation>
    </message>
    <message>
        <source>correlation: %1
</source>
        <translation>corrélation : %1
</translation>
    </message>
    <message>
        <source>not an id: %1</source>
        <translation>pas un identifiant : %1</translation>
    </message>
    <message>
        <source>Show an incident&apos;s alerts and why each is in it.</source>
        <translation>Afficher les alertes d’un incident et pourquoi chacune y est.</translation>
    </message>
    <message>
        <source>Rename an incident (correlation keeps it).</source>
        <translation>Renommer un incident (la corrélation conserve le nom).</translation>
    </message>
    <message>
        <source>Set an incident&apos;s severity (correlation keeps it).</source>
        <translation>Fixer la gravité d’un incident (la corrélation la conserve).</translation>
    </message>
    <message>
        <source>Merge incidents into the first one.</source>
        <translation>Fusionner des incidents dans le premier.</translation>
    </message>
    <message>
        <source>Move these alerts into a new incident (--title).</source>
        <translation>Déplacer ces alertes dans un nouvel incident (--title).</translation>
    </message>
    <message>
        <source>Take these alerts out of an incident; correlation will not put them back.</source>
        <translation>Retirer ces alertes d’un incident ; la corrélation ne les y remettra pas.</translation>
    </message>
    <message>
        <source>Who makes the change (default: $USER).</source>
        <translation>Qui fait la modification (par défaut : $USER).</translation>
    </message>
    <message>
        <source>The new incident&apos;s title.</source>
        <translation>Le titre du nouvel incident.</translation>
    </message>
    <message>
        <source>usage: vigie incidents %1 %2</source>
        <translation>usage : vigie incidents %1 %2</translation>
    </message>
    <message>
        <source>not an incident id: %1</source>
        <translation>pas un identifiant d’incident : %1</translation>
    </message>
    <message>
        <source>Incident #%1 renamed.
</source>
        <translation>Incident n°%1 renommé.
</translation>
    </message>
    <message>
        <source>not a severity: %1</source>
        <translation>pas une gravité : %1</translation>
    </message>
    <message>
        <source>Incident #%1 now has severity %2.
</source>
        <translation>L’incident n°%1 a maintenant la gravité %2.
</translation>
    </message>
    <message numerus="yes">
        <source>Merged %n incident(s) into #%1.
</source>
        <translation>
            <numerusform>%n incident fusionné dans le n°%1.
</numerusform>
            <numerusform>%n incidents fusionnés dans le n°%1.
</numerusform>
        </translation>
    </message>
    <message>
        <source>Split from incident #%1</source>
        <translation>Séparé de l’incident n°%1</translation>
    </message>
    <message>
        <source>New incident #%1.
</source>
        <translation>Nouvel incident n°%1.
</translation>
    </message>
    <message numerus="yes">
        <source>Took %n alert(s) out of incident #%1.
</source>
        <translation>
            <numerusform>%n alerte retirée de l’incident n°%1.
</numerusform>
            <numerusform>%n alertes retirées de l’incident n°%1.
</numerusform>
        </translation>
    </message>
    <message>
        <source>Correlate the alerts into incidents and list them by score.
Also: vigie incidents show|rename|severity|merge|split|remove … (--help on each).</source>
        <translation>Corréler les alertes en incidents et les lister par score.
Aussi : vigie incidents show|rename|severity|merge|split|remove … (--help sur chacune).</translation>
    </message>
    <message>
        <source>Trace an incident back to where it began: the entry vector, the root and the chain of attacker actions, each with its evidence events.</source>
        <translation>Remonter un incident jusqu’à son origine : le vecteur d’entrée, la racine et la chaîne des actions de l’attaquant, chacune avec ses événements de preuve.</translation>
    </message>
    <message>
        <source>The incident (see vigie incidents).</source>
        <translation>L’incident (voir vigie incidents).</translation>
    </message>
    <message>
        <source>usage: vigie rca INCIDENT [--db PATH] [--json]</source>
        <translation>usage : vigie rca INCIDENT [--db CHEMIN] [--json]</translation>
    </message>
    <message>
        <source>Incident #%1: %2 (%3), confidence %4%
</source>
        <translation>Incident n°%1 : %2 (%3), confiance %4 %
</translation>
    </message>
    <message>
        <source>Write the report of an incident (PDF, HTML or Markdown) and record its SHA-256 in the history.</source>
        <translation>Écrire le rapport d’un incident (PDF, HTML ou Markdown) et inscrire son SHA-256 dans l’historique.</translation>
    </message>
    <message>
        <source>The file to write.</source>
        <translation>Le fichier à écrire.</translation>
    </message>
    <message>
        <source>The report&apos;s language: en or fr.</source>
        <translation>La langue du rapport : en ou fr.</translation>
    </message>
    <message>
        <source>pdf, html or md (default: from the file&apos;s extension, else pdf).</source>
        <translation>pdf, html ou md (par défaut : d’après l’extension du fichier, sinon pdf).</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 bytes, SHA-256 %3)
</source>
        <translation>%1 écrit (%2 octets, SHA-256 %3)
</translation>
    </message>
    <message>
        <source>A report template (JSON: organisation, customer, TLP, logo, colours, sections); default: the bundled resources/report/template.json.</source>
        <translation>Un modèle de rapport (JSON : organisation, client, TLP, logo, couleurs, sections) ; par défaut : resources/report/template.json, fourni.</translation>
    </message>
    <message>
        <source>usage: vigie report INCIDENT --out FILE [--lang en|fr] [--format pdf|html|md] [--template FILE] [--db PATH]</source>
        <translation>usage : vigie report INCIDENT --out FICHIER [--lang en|fr] [--format pdf|html|md] [--template FICHIER] [--db CHEMIN]</translation>
    </message>
    <message>
        <source>The response audit log, newest first: playbook runs, steps, requests, response codes, approvals and toolkits.</source>
        <translation>Le journal d’audit de la réponse, les plus récentes d’abord : exécutions de playbooks, étapes, requêtes, codes de réponse, approbations et boîtes à outils.</translation>
    </message>
    <message>
        <source>Only the entries of this incident.</source>
        <translation>Seulement les entrées de cet incident.</translation>
    </message>
    <message>
        <source>At most N entries (default 50; 0: all).</source>
        <translation>Au plus N entrées (50 par défaut ; 0 : toutes).</translation>
    </message>
    <message>
        <source>audit list: not an incident id: %1</source>
        <translation>audit list : pas un identifiant d’incident : %1</translation>
    </message>
    <message>
        <source>audit list: --limit takes a whole number</source>
        <translation>audit list : --limit prend un nombre entier</translation>
    </message>
    <message>
        <source>The response audit log is empty.
</source>
        <translation>Le journal d’audit de la réponse est vide.
</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>TIME (UTC)</source>
        <translation>HEURE (UTC)</translation>
    </message>
    <message>
        <source>ACTOR</source>
        <translation>AUTEUR</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>TYPE</translation>
    </message>
    <message>
        <source>INCIDENT</source>
        <translation>INCIDENT</translation>
    </message>
    <message>
        <source>STEP</source>
        <translation>ÉTAPE</translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation>DÉTAIL</translation>
    </message>
    <message>
        <source>Check that no entry of the response audit log was modified or deleted.
Exit codes: 0 the chain is intact, 2 the store cannot be read, 4 the log was tampered with (the reason names the entry).</source>
        <translation>Vérifier qu’aucune entrée du journal d’audit de la réponse n’a été modifiée ni supprimée.
Codes de sortie : 0 la chaîne est intacte, 2 la base est illisible, 4 le journal a été altéré (la raison nomme l’entrée).</translation>
    </message>
    <message>
        <source>Tampered: %1.
</source>
        <translation>Altéré : %1.
</translation>
    </message>
    <message>
        <source>1 entry, chain intact.
</source>
        <translation>1 entrée, chaîne intacte.
</translation>
    </message>
    <message>
        <source>%1 entries, chain intact.
</source>
        <translation>%1 entrées, chaîne intacte.
</translation>
    </message>
    <message>
        <source>Head: entry %1, %2
</source>
        <translation>Tête : entrée %1, %2
</translation>
    </message>
    <message>
        <source>usage: vigie audit list [--incident ID] [--limit N] [--json] [--db PATH]
       vigie audit verify [--json] [--db PATH]
The response audit log: every playbook run, step, request, response code and approval, append-only and hash-chained.
verify exits with 0 when the chain is intact, 4 when an entry was modified or deleted, 2 when the store cannot be read.
</source>
        <translation>usage : vigie audit list [--incident ID] [--limit N] [--json] [--db CHEMIN]
        vigie audit verify [--json] [--db CHEMIN]
Le journal d’audit de la réponse : chaque exécution de playbook, étape, requête, code de réponse et approbation, en ajout seul et chaîné par empreintes.
verify sort avec 0 quand la chaîne est intacte, 4 quand une entrée a été modifiée ou supprimée, 2 quand la base est illisible.
</translation>
    </message>
    <message>
        <source>vigie: audit: unknown command &apos;%1&apos;
</source>
        <translation>vigie : audit : commande inconnue « %1 »
</translation>
    </message>
    <message>
        <source>no playbook is named %1 (built-in: %2; or give a file)</source>
        <translation>aucun playbook ne s’appelle %1 (intégrés : %2 ; ou donnez un fichier)</translation>
    </message>
    <message>
        <source>List the built-in response playbooks (CACAO 2.0).</source>
        <translation>Lister les playbooks de réponse intégrés (CACAO 2.0).</translation>
    </message>
    <message>
        <source>Show a playbook&apos;s steps, commands and variables.</source>
        <translation>Afficher les étapes, les commandes et les variables d’un playbook.</translation>
    </message>
    <message>
        <source>A built-in&apos;s name (see vigie playbook list) or a file.</source>
        <translation>Le nom d’un playbook intégré (voir vigie playbook list) ou un fichier.</translation>
    </message>
    <message>
        <source>usage: vigie playbook show NAME|FILE [--json]</source>
        <translation>usage : vigie playbook show NOM|FICHIER [--json]</translation>
    </message>
    <message>
        <source>Variables:
</source>
        <translation>Variables :
</translation>
    </message>
    <message>
        <source>, from the incident or --var</source>
        <translation>, tirée de l’incident ou de --var</translation>
    </message>
    <message>
        <source>
Steps:
</source>
        <translation>
Étapes :
</translation>
    </message>
    <message>
        <source>
! needs the analyst&apos;s approval (destructive)
</source>
        <translation>
! demande l’approbation de l’analyste (destructive)
</translation>
    </message>
    <message>
        <source>Check CACAO 2.0 playbooks against the OASIS schemas and the rules a schema cannot express. Exit 0 when every file is valid, 3 when one is not.</source>
        <translation>Vérifier des playbooks CACAO 2.0 par rapport aux schémas OASIS et aux règles qu’un schéma ne peut pas exprimer. Code de sortie 0 quand tous les fichiers sont valides, 3 quand l’un ne l’est pas.</translation>
    </message>
    <message>
        <source>Playbook files.</source>
        <translation>Fichiers de playbook.</translation>
    </message>
    <message>
        <source>usage: vigie playbook validate FILE… [--json]</source>
        <translation>usage : vigie playbook validate FICHIER… [--json]</translation>
    </message>
    <message>
        <source>%1: valid CACAO 2.0 (%2)
</source>
        <translation>%1 : CACAO 2.0 valide (%2)
</translation>
    </message>
    <message>
        <source>%1: invalid: %2
</source>
        <translation>%1 : non valide : %2
</translation>
    </message>
    <message>
        <source>%1: invalid, %2 error(s):
</source>
        <translation>%1 : non valide, %2 erreur(s) :
</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <source>
Step “%1” needs your approval:
%2
Approve? [y/N] </source>
        <translation>
L’étape « %1 » demande votre approbation :
%2
Approuver ? [o/N] </translation>
    </message>
    <message>
        <source>
Manual step “%1”:
%2
Done? [y/N] </source>
        <translation>
Étape manuelle « %1 » :
%2
Fait ? [o/N] </translation>
    </message>
    <message>
        <source>Note (optional): </source>
        <translation>Note (facultative) : </translation>
    </message>
    <message>
        <source>no analyst at the terminal: left to do</source>
        <translation>aucun analyste au terminal : reste à faire</translation>
    </message>
    <message>
        <source>--- %1 script for “%2” (not run: it goes into the toolkit) ---
%3
</source>
        <translation>--- script %1 pour « %2 » (non exécuté : il va dans la boîte à outils) ---
%3
</translation>
    </message>
    <message>
        <source>Run a response playbook for an incident: its HTTP actions go through the configured connectors, destructive steps wait for approval, scripts are only rendered. Every run, step, request, answer and approval goes into the response audit log. Exit 0 when the run succeeded, 3 when a step failed, 5 when it was cancelled.</source>
        <translation>Exécuter un playbook de réponse pour un incident : ses actions HTTP passent par les connecteurs configurés, les étapes destructives attendent une approbation, les scripts sont seulement générés. Chaque exécution, étape, requête, réponse et approbation est inscrite dans le journal d’audit de la réponse. Code de sortie 0 quand l’exécution a réussi, 3 quand une étape a échoué, 5 quand elle a été annulée.</translation>
    </message>
    <message>
        <source>The incident it acts on.</source>
        <translation>L’incident sur lequel il agit.</translation>
    </message>
    <message>
        <source>Send nothing: print each request exactly as it would be sent (secrets masked).</source>
        <translation>Ne rien envoyer : écrire chaque requête exactement telle qu’elle serait envoyée (secrets masqués).</translation>
    </message>
    <message>
        <source>Set a playbook variable, NAME=VALUE (lists comma-separated; repeat).</source>
        <translation>Fixer une variable du playbook, NOM=VALEUR (listes séparées par des virgules ; répétable).</translation>
    </message>
    <message>
        <source>Send a kind of request (elastic, wazuh, thehive, webhook) through this connector, KIND=NAME (repeat).</source>
        <translation>Envoyer un type de requête (elastic, wazuh, thehive, webhook) par ce connecteur, TYPE=NOM (répétable).</translation>
    </message>
    <message>
        <source>usage: vigie playbook run NAME|FILE --incident ID [--dry-run] [--approve-all] [--var NAME=VALUE]… [--connector KIND=NAME]… [--db PATH]</source>
        <translation>usage : vigie playbook run NOM|FICHIER --incident ID [--dry-run] [--approve-all] [--var NOM=VALEUR]… [--connector TYPE=NOM]… [--db CHEMIN]</translation>
    </message>
    <message>
        <source>--connector takes KIND=NAME, not %1</source>
        <translation>--connector prend TYPE=NOM, pas %1</translation>
    </message>
    <message>
        <source>warning: the audit log could not be written: %1
</source>
        <translation>avertissement : le journal d’audit n’a pas pu être écrit : %1
</translation>
    </message>
    <message>
        <source>%1: %2%3 (run %4)
</source>
        <translation>%1 : %2%3 (exécution %4)
</translation>
    </message>
    <message>
        <source>Write an incident&apos;s response toolkit: a zip with its indicators (STIX 2.1 and CSV), perimeter blocklists (nftables, iptables, Windows Firewall), Sigma hunting rules, the built-in playbooks&apos; containment scripts with the incident&apos;s values quoted, the PDF report and a README. Its SHA-256 goes into the response audit log.</source>
        <translation>Écrire la boîte à outils de réponse d’un incident : un zip avec ses indicateurs (STIX 2.1 et CSV), des listes de blocage périmétriques (nftables, iptables, pare-feu Windows), des règles de chasse Sigma, les scripts de confinement des playbooks intégrés avec les valeurs de l’incident entre guillemets, le rapport PDF et un README. Son SHA-256 est inscrit dans le journal d’audit de la réponse.</translation>
    </message>
    <message>
        <source>The incident.</source>
        <translation>L’incident.</translation>
    </message>
    <message>
        <source>The zip to write.</source>
        <translation>Le zip à écrire.</translation>
    </message>
    <message>
        <source>The language of the README and the report: en or fr.</source>
        <translation>La langue du README et du rapport : en ou fr.</translation>
    </message>
    <message>
        <source>A report template.</source>
        <translation>Un modèle de rapport.</translation>
    </message>
    <message>
        <source>usage: vigie toolkit INCIDENT --out FILE.zip [--lang en|fr] [--template FILE] [--db PATH]</source>
        <translation>usage : vigie toolkit INCIDENT --out FICHIER.zip [--lang en|fr] [--template FICHIER] [--db CHEMIN]</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 files, SHA-256 %3)
</source>
        <translation>%1 écrit (%2 fichiers, SHA-256 %3)
</translation>
    </message>
    <message>
        <source>Approve every destructive step without asking (manual steps are still asked at the terminal, and left to do without one: nothing is recorded as done that was not).</source>
        <translation>Approuver toutes les étapes destructrices sans demander (les étapes manuelles sont toujours demandées au terminal, et restent à faire sans terminal : rien n’est noté comme fait qui ne l’a pas été).</translation>
    </message>
    <message>
        <source>Undo a run&apos;s actions where the API has an undo (release an isolation): each action the sensor accepted, latest first, recorded in the response audit log. Exit 0 when every undo succeeded, 3 when one failed.</source>
        <translation>Annuler les actions d’une exécution là où l’API le permet (lever une isolation) : chaque action acceptée par le capteur, la plus récente d’abord, notée dans le journal d’audit de la réponse. Sortie 0 quand toutes les annulations ont réussi, 3 quand l’une a échoué.</translation>
    </message>
    <message>
        <source>The run&apos;s id (vigie audit list).</source>
        <translation>L’identifiant de l’exécution (vigie audit list).</translation>
    </message>
    <message>
        <source>Print the undo requests; send nothing.</source>
        <translation>Afficher les requêtes d’annulation ; ne rien envoyer.</translation>
    </message>
    <message>
        <source>usage: vigie playbook undo RUN [--dry-run] [--db PATH]</source>
        <translation>usage : vigie playbook undo EXÉCUTION [--dry-run] [--db CHEMIN]</translation>
    </message>
    <message>
        <source>Run %1 has nothing to undo.
</source>
        <translation>L’exécution %1 n’a rien à annuler.
</translation>
    </message>
    <message>
        <source> (imported)</source>
        <translation> (importé)</translation>
    </message>
    <message>
        <source>Import CACAO 2.0 playbooks: each file is validated and kept under its file&apos;s name in Vigie&apos;s playbook folder, where vigie playbook list|show|run and the Response tab find it. Exit 0 when every file was imported, 3 when one is not valid.</source>
        <translation>Importer des playbooks CACAO 2.0 : chaque fichier est validé et conservé sous le nom de son fichier dans le dossier des playbooks de Vigie, où vigie playbook list|show|run et l’onglet Réponse le trouvent. Sortie 0 quand tous les fichiers ont été importés, 3 quand l’un n’est pas valide.</translation>
    </message>
    <message>
        <source>usage: vigie playbook import FILE…</source>
        <translation>usage : vigie playbook import FICHIER…</translation>
    </message>
    <message>
        <source>%1: imported as %2 (%3)
</source>
        <translation>%1 : importé sous le nom %2 (%3)
</translation>
    </message>
    <message>
        <source>usage: vigie playbook list | show NAME | validate FILE… | import FILE… | undo RUN | run NAME --incident ID [--dry-run] [--approve-all]</source>
        <translation>usage : vigie playbook list | show NOM | validate FICHIER… | import FICHIER… | undo EXÉCUTION | run NOM --incident ID [--dry-run] [--approve-all]</translation>
    </message>
</context>
<context>
    <name>Connectors</name>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Catching up</source>
        <translation>Rattrapage</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Backing off</source>
        <translation>En attente avant nouvel essai</translation>
    </message>
    <message>
        <source>Authentication failed</source>
        <translation>Échec d’authentification</translation>
    </message>
    <message>
        <source>TLS failed</source>
        <translation>Échec TLS</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Start the replay sensor with the bundled demo data and watch Vigie pull it in over HTTPS (Elasticsearch _search) and WSS (a WebSocket stream).</source>
        <translation>Démarrer le capteur de rejeu avec les données de démonstration fournies et regarder Vigie les récupérer en HTTPS (_search Elasticsearch) et en WSS (un flux WebSocket).</translation>
    </message>
    <message>
        <source>The demo store (emptied first).</source>
        <translation>La base de démonstration (vidée d’abord).</translation>
    </message>
    <message>
        <source>Events per second the sensor releases (default: all at once).</source>
        <translation>Événements par seconde libérés par le capteur (par défaut : tout d’un coup).</translation>
    </message>
    <message>
        <source>vigie demo: the demo data is not found; set VIGIE_DEMO_DATA to its folder</source>
        <translation>vigie demo : données de démonstration introuvables ; indiquez leur dossier dans VIGIE_DEMO_DATA</translation>
    </message>
    <message>
        <source>demo: replay sensor on %1 (key pin %2)</source>
        <translation>démo : capteur de rejeu sur %1 (empreinte de clé %2)</translation>
    </message>
    <message>
        <source>Vigie — demo (replay sensor on %1)</source>
        <translation>Vigie — démo (capteur de rejeu sur %1)</translation>
    </message>
</context>
<context>
    <name>JsonSchemaRegistry</name>
    <message>
        <source>(document)</source>
        <translation>(document)</translation>
    </message>
    <message>
        <source>warning: %1: %2</source>
        <translation>avertissement : %1 : %2</translation>
    </message>
    <message>
        <source>no value is allowed here</source>
        <translation>aucune valeur n’est autorisée ici</translation>
    </message>
    <message>
        <source>nested more than %1 levels deep: validation stopped here</source>
        <translation>imbrication de plus de %1 niveaux : validation interrompue ici</translation>
    </message>
    <message>
        <source>should be of type %1, not %2</source>
        <translation>doit être de type %1, et non %2</translation>
    </message>
    <message>
        <source>should be %1, not %2</source>
        <translation>doit valoir %1, et non %2</translation>
    </message>
    <message>
        <source>%1 is not one of %2</source>
        <translation>%1 n’est pas l’une des valeurs %2</translation>
    </message>
    <message>
        <source>property &quot;%1&quot; is not allowed</source>
        <translation>la propriété « %1 » n’est pas autorisée</translation>
    </message>
    <message>
        <source>item %1 is not allowed</source>
        <translation>l’élément %1 n’est pas autorisé</translation>
    </message>
    <message>
        <source>the schema %1 is not known</source>
        <translation>le schéma %1 est inconnu</translation>
    </message>
    <message>
        <source>the schema reference %1 uses an anchor, which is not supported</source>
        <translation>la référence de schéma %1 utilise une ancre, ce qui n’est pas pris en charge</translation>
    </message>
    <message>
        <source>the schema reference %1 leads nowhere</source>
        <translation>la référence de schéma %1 ne mène nulle part</translation>
    </message>
    <message>
        <source>required property &quot;%1&quot; is missing</source>
        <translation>la propriété obligatoire « %1 » est absente</translation>
    </message>
    <message numerus="yes">
        <source>should have at least %n property(ies), has %1</source>
        <translation>
            <numerusform>doit avoir au moins %n propriété, en a %1</numerusform>
            <numerusform>doit avoir au moins %n propriétés, en a %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should have at most %n property(ies), has %1</source>
        <translation>
            <numerusform>doit avoir au plus %n propriété, en a %1</numerusform>
            <numerusform>doit avoir au plus %n propriétés, en a %1</numerusform>
        </translation>
    </message>
    <message>
        <source>property &quot;%1&quot; is required when &quot;%2&quot; is present</source>
        <translation>la propriété « %1 » est obligatoire quand « %2 » est présente</translation>
    </message>
    <message>
        <source>property name &quot;%1&quot; is invalid: %2</source>
        <translation>le nom de propriété « %1 » est invalide : %2</translation>
    </message>
    <message numerus="yes">
        <source>should have at least %n item(s), has %1</source>
        <translation>
            <numerusform>doit contenir au moins %n élément, en contient %1</numerusform>
            <numerusform>doit contenir au moins %n éléments, en contient %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should have at most %n item(s), has %1</source>
        <translation>
            <numerusform>doit contenir au plus %n élément, en contient %1</numerusform>
            <numerusform>doit contenir au plus %n éléments, en contient %1</numerusform>
        </translation>
    </message>
    <message>
        <source>items %1 and %2 are equal, items should be unique</source>
        <translation>les éléments %1 et %2 sont identiques ; les éléments doivent être uniques</translation>
    </message>
    <message>
        <source>has no item of the required kind</source>
        <translation>ne contient aucun élément du type requis</translation>
    </message>
    <message>
        <source>has %1 items of the required kind, needs %2</source>
        <translation>trop peu d’éléments du type requis (%1 ; il en faut %2)</translation>
    </message>
    <message>
        <source>has %1 items of the restricted kind, at most %2 are allowed</source>
        <translation>trop d’éléments du type limité (%1 ; %2 au maximum)</translation>
    </message>
    <message numerus="yes">
        <source>should be at least %n character(s) long, is %1</source>
        <translation>
            <numerusform>doit compter au moins %n caractère, en compte %1</numerusform>
            <numerusform>doit compter au moins %n caractères, en compte %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should be at most %n character(s) long, is %1</source>
        <translation>
            <numerusform>doit compter au plus %n caractère, en compte %1</numerusform>
            <numerusform>doit compter au plus %n caractères, en compte %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 does not match the pattern %2</source>
        <translation>%1 ne correspond pas au motif %2</translation>
    </message>
    <message>
        <source>%1 is not a valid %2</source>
        <translation>%1 n’est pas valide au format %2</translation>
    </message>
    <message>
        <source>is not valid base64</source>
        <translation>n’est pas du base64 valide</translation>
    </message>
    <message>
        <source>should be at least %1, is %2</source>
        <translation>doit valoir au moins %1, vaut %2</translation>
    </message>
    <message>
        <source>should be at most %1, is %2</source>
        <translation>doit valoir au plus %1, vaut %2</translation>
    </message>
    <message>
        <source>should be more than %1, is %2</source>
        <translation>doit être supérieur à %1, vaut %2</translation>
    </message>
    <message>
        <source>should be less than %1, is %2</source>
        <translation>doit être inférieur à %1, vaut %2</translation>
    </message>
    <message>
        <source>should be a multiple of %1, is %2</source>
        <translation>doit être un multiple de %1, vaut %2</translation>
    </message>
    <message>
        <source>should have one of the properties %1</source>
        <translation>doit avoir l’une des propriétés %1</translation>
    </message>
    <message>
        <source>matches more than one of the alternatives that exclude each other (%1 and %2)</source>
        <translation>correspond à plusieurs alternatives mutuellement exclusives (%1 et %2)</translation>
    </message>
    <message>
        <source>matches none of the alternatives: %1</source>
        <translation>ne correspond à aucune des alternatives : %1</translation>
    </message>
    <message>
        <source>matches none of the %1 alternatives (the first: %2)</source>
        <translation>ne correspond à aucune des %1 alternatives (la première : %2)</translation>
    </message>
    <message>
        <source>property &quot;%1&quot; is not allowed here</source>
        <translation>la propriété « %1 » n’est pas autorisée ici</translation>
    </message>
    <message>
        <source>properties %1 are not allowed together here</source>
        <translation>les propriétés %1 ne sont pas autorisées ensemble ici</translation>
    </message>
    <message>
        <source>properties %1 are not allowed here</source>
        <translation>les propriétés %1 ne sont pas autorisées ici</translation>
    </message>
    <message>
        <source>should not be %1</source>
        <translation>ne doit pas valoir %1</translation>
    </message>
    <message>
        <source>should not be of type %1</source>
        <translation>ne doit pas être de type %1</translation>
    </message>
    <message>
        <source>matches a schema it must not match</source>
        <translation>correspond à un schéma exclu</translation>
    </message>
    <message>
        <source>the schema %1 has an invalid pattern %2: %3</source>
        <translation>le schéma %1 contient un motif invalide %2 : %3</translation>
    </message>
    <message>
        <source>a schema needs an $id or a URI to be known by</source>
        <translation>un schéma doit avoir un $id ou une URI pour être identifié</translation>
    </message>
    <message>
        <source>cannot read the schema %1: %2</source>
        <translation>impossible de lire le schéma %1 : %2</translation>
    </message>
    <message>
        <source>the schema %1 is not a JSON object (offset %2: %3)</source>
        <translation>le schéma %1 n’est pas un objet JSON (position %2 : %3)</translation>
    </message>
    <message>
        <source>no schema found in %1</source>
        <translation>aucun schéma trouvé dans %1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Could not start %1</source>
        <translation>Impossible de lancer %1</translation>
    </message>
</context>
<context>
    <name>PlaybookCondition</name>
    <message>
        <source>the condition is empty</source>
        <translation>la condition est vide</translation>
    </message>
    <message>
        <source>unexpected &quot;%1&quot;</source>
        <translation>« %1 » inattendu</translation>
    </message>
    <message>
        <source>condition &quot;%1&quot;: %2</source>
        <translation>condition « %1 » : %2</translation>
    </message>
    <message>
        <source>condition &quot;%1&quot;: %2 (at character %3)</source>
        <translation>condition « %1 » : %2 (au caractère %3)</translation>
    </message>
    <message>
        <source>&quot;!&quot; must be followed by &quot;=&quot;</source>
        <translation>« ! » doit être suivi de « = »</translation>
    </message>
    <message>
        <source>the string is not closed</source>
        <translation>la chaîne n’est pas fermée</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation>« %1 » n’est pas un nombre</translation>
    </message>
    <message>
        <source>typed literals (%1&apos;…&apos;) are not supported: write a plain &apos;string&apos;</source>
        <translation>les littéraux typés (%1&apos;…&apos;) ne sont pas pris en charge : écrivez une simple &apos;chaîne&apos;</translation>
    </message>
    <message>
        <source>a variable is referenced as %1:value (CACAO 2.0, 10.18)</source>
        <translation>une variable s’écrit %1:value (CACAO 2.0, 10.18)</translation>
    </message>
    <message>
        <source>%1: STIX observation operators and qualifiers are not supported in playbook conditions</source>
        <translation>%1 : les opérateurs d’observation et qualificatifs STIX ne sont pas pris en charge dans les conditions de playbook</translation>
    </message>
    <message>
        <source>%1 is a STIX object path, not a playbook variable: Vigie compares playbook variables (__name__:value) only</source>
        <translation>%1 est un chemin d’objet STIX, pas une variable de playbook : Vigie ne compare que des variables de playbook (__nom__:value)</translation>
    </message>
    <message>
        <source>unexpected &quot;%1&quot; (strings are quoted: &apos;%1&apos;)</source>
        <translation>« %1 » inattendu (les chaînes s’écrivent entre apostrophes : &apos;%1&apos;)</translation>
    </message>
    <message>
        <source>unexpected character &quot;%1&quot;</source>
        <translation>caractère « %1 » inattendu</translation>
    </message>
    <message>
        <source>the condition is nested too deeply</source>
        <translation>la condition est imbriquée trop profondément</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expected</source>
        <translation>« %1 » attendu</translation>
    </message>
    <message>
        <source>in STIX patterns NOT goes before the operator: a NOT = b, a NOT IN (…)</source>
        <translation>dans les motifs STIX, NOT se place avant l’opérateur : a NOT = b, a NOT IN (…)</translation>
    </message>
    <message>
        <source>unknown variable %1</source>
        <translation>variable %1 inconnue</translation>
    </message>
    <message>
        <source>a value is expected, not %1</source>
        <translation>une valeur est attendue, pas %1</translation>
    </message>
    <message>
        <source>the condition ends too early</source>
        <translation>la condition s’arrête trop tôt</translation>
    </message>
    <message>
        <source>a value is expected, not &quot;%1&quot;</source>
        <translation>une valeur est attendue, pas « %1 »</translation>
    </message>
    <message>
        <source>an operator is expected after NOT</source>
        <translation>un opérateur est attendu après NOT</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither true nor false: compare it, e.g. __name__:value = &apos;expected&apos;</source>
        <translation>« %1 » n’est ni vrai ni faux : comparez-le, par exemple __nom__:value = &apos;attendu&apos;</translation>
    </message>
    <message>
        <source>IN takes a list: IN (&apos;a&apos;, &apos;b&apos;)</source>
        <translation>IN prend une liste : IN (&apos;a&apos;, &apos;b&apos;)</translation>
    </message>
    <message>
        <source>&quot;,&quot; or &quot;)&quot; expected</source>
        <translation>« , » ou « ) » attendu</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid regular expression: %2</source>
        <translation>« %1 » n’est pas une expression régulière valide : %2</translation>
    </message>
    <message>
        <source>%1 takes IP addresses or CIDR blocks, not &quot;%2&quot;</source>
        <translation>%1 prend des adresses IP ou des blocs CIDR, pas « %2 »</translation>
    </message>
    <message>
        <source>unknown operator &quot;%1&quot;</source>
        <translation>opérateur « %1 » inconnu</translation>
    </message>
</context>
<context>
    <name>PlaybookEngine</name>
    <message>
        <source>&quot;%1&quot; is not an HTTP start line (&quot;POST /path HTTP/1.1&quot;)</source>
        <translation>« %1 » n’est pas une ligne de requête HTTP (« POST /chemin HTTP/1.1 »)</translation>
    </message>
    <message>
        <source>the request target &quot;%1&quot; must be a path (&quot;/api/…&quot;): the connector supplies the address</source>
        <translation>la cible « %1 » doit être un chemin (« /api/… ») : c’est le connecteur qui fournit l’adresse</translation>
    </message>
    <message>
        <source>unknown variable %1</source>
        <translation>variable %1 inconnue</translation>
    </message>
    <message>
        <source>variable %1 has no value</source>
        <translation>la variable %1 n’a pas de valeur</translation>
    </message>
    <message>
        <source>%1 is an integer, not &quot;%2&quot;</source>
        <translation>%1 est un entier, pas « %2 »</translation>
    </message>
    <message>
        <source>%1 is a number, not &quot;%2&quot;</source>
        <translation>%1 est un nombre, pas « %2 »</translation>
    </message>
    <message>
        <source>%1 is true or false, not &quot;%2&quot;</source>
        <translation>%1 vaut true ou false, pas « %2 »</translation>
    </message>
    <message>
        <source>the http-api command has no start line</source>
        <translation>la commande http-api n’a pas de ligne de requête</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a header name</source>
        <translation>« %1 » n’est pas un nom d’en-tête</translation>
    </message>
    <message>
        <source>header %1 would hold a line break</source>
        <translation>l’en-tête %1 contiendrait un saut de ligne</translation>
    </message>
    <message>
        <source>content_b64 is not valid base64</source>
        <translation>content_b64 n’est pas du base64 valide</translation>
    </message>
    <message>
        <source>the content is not valid JSON: %1 (byte %2)</source>
        <translation>le contenu n’est pas du JSON valide : %1 (octet %2)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not NAME=VALUE with a variable name (letters, digits, _ and -)</source>
        <translation>« %1 » n’est pas NOM=VALEUR avec un nom de variable (lettres, chiffres, _ et -)</translation>
    </message>
    <message>
        <source>%1 is a constant of playbook &quot;%2&quot;: it cannot be set</source>
        <translation>%1 est une constante du playbook « %2 » : elle ne peut pas être modifiée</translation>
    </message>
    <message>
        <source>command_b64 is not valid base64</source>
        <translation>command_b64 n’est pas du base64 valide</translation>
    </message>
    <message>
        <source>a NUL character was dropped from %1</source>
        <translation>un caractère NUL a été retiré de %1</translation>
    </message>
    <message>
        <source>%1 is inside a single-quoted string, where PowerShell does not expand it</source>
        <translation>%1 est dans une chaîne entre apostrophes, où PowerShell ne le remplace pas</translation>
    </message>
    <message>
        <source>the step&apos;s agent &quot;%1&quot; is not in agent_definitions</source>
        <translation>l’agent « %1 » de l’étape n’est pas dans agent_definitions</translation>
    </message>
    <message>
        <source>connector &quot;%1&quot; of agent &quot;%2&quot; is not elastic, wazuh, thehive or webhook</source>
        <translation>le connecteur « %1 » de l’agent « %2 » n’est ni elastic, ni wazuh, ni thehive, ni webhook</translation>
    </message>
    <message>
        <source>agent &quot;%1&quot; names no connector: call it elastic, wazuh, thehive or webhook, or give it the vigie-response extension&apos;s &quot;connector&quot;</source>
        <translation>l’agent « %1 » ne désigne aucun connecteur : nommez-le elastic, wazuh, thehive ou webhook, ou donnez-lui le « connector » de l’extension vigie-response</translation>
    </message>
    <message>
        <source>the undo request: %1</source>
        <translation>la requête d’annulation : %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2) : %3</translation>
    </message>
    <message>
        <source>%1 is a constant: the step cannot set it</source>
        <translation>%1 est une constante : l’étape ne peut pas la modifier</translation>
    </message>
    <message>
        <source>step &quot;%1&quot; is not in the workflow of &quot;%2&quot;</source>
        <translation>l’étape « %1 » n’est pas dans le workflow de « %2 »</translation>
    </message>
    <message>
        <source>more than %1 steps ran: the workflow loops</source>
        <translation>plus de %1 étapes exécutées : le workflow boucle</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>the %1 branch failed</source>
        <translation>la branche %1 a échoué</translation>
    </message>
    <message>
        <source>a parallel branch failed</source>
        <translation>une branche parallèle a échoué</translation>
    </message>
    <message>
        <source>the condition was still true after %1 passes</source>
        <translation>la condition était encore vraie après %1 passages</translation>
    </message>
    <message numerus="yes">
        <source>%n pass(es)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot;: case %2</source>
        <translation>« %1 » : cas %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>unknown step type &quot;%1&quot;</source>
        <translation>type d’étape « %1 » inconnu</translation>
    </message>
    <message>
        <source>playbooks call each other more than %1 deep</source>
        <translation>les playbooks s’appellent sur plus de %1 niveaux</translation>
    </message>
    <message>
        <source>playbook %1 is not available</source>
        <translation>le playbook %1 n’est pas disponible</translation>
    </message>
    <message>
        <source>%1: version %2 was asked for, %3 runs</source>
        <translation>%1 : la version %2 était demandée, la %3 s’exécute</translation>
    </message>
    <message>
        <source>playbook &quot;%1&quot; failed</source>
        <translation>le playbook « %1 » a échoué</translation>
    </message>
    <message>
        <source>the vigie-for-each extension needs &quot;list&quot; and &quot;item&quot;</source>
        <translation>l’extension vigie-for-each demande « list » et « item »</translation>
    </message>
    <message>
        <source>%1 is empty: nothing to do</source>
        <translation>%1 est vide : rien à faire</translation>
    </message>
    <message>
        <source>command type &quot;%1&quot; is not run by Vigie (it runs http-api, manual, bash and powershell)</source>
        <translation>Vigie n’exécute pas les commandes de type « %1 » (il exécute http-api, manual, bash et powershell)</translation>
    </message>
    <message>
        <source>dry run: would ask for approval</source>
        <translation>exécution à blanc : demanderait une approbation</translation>
    </message>
    <message>
        <source>dry run</source>
        <translation>exécution à blanc</translation>
    </message>
    <message>
        <source>not approved</source>
        <translation>non approuvé</translation>
    </message>
    <message>
        <source>timed out after %1 ms</source>
        <translation>délai dépassé après %1 ms</translation>
    </message>
    <message>
        <source>%1 %2: no answer in time</source>
        <translation>%1 %2 : pas de réponse à temps</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2 : %3</translation>
    </message>
    <message>
        <source>%1 %2: HTTP %3 %4</source>
        <translation>%1 %2 : HTTP %3 %4</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>non fait</translation>
    </message>
    <message>
        <source>not done: %1</source>
        <translation>non fait : %1</translation>
    </message>
    <message>
        <source>%1 is not a variable of &quot;%2&quot;</source>
        <translation>%1 n’est pas une variable de « %2 »</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>Rca</name>
    <message>
        <source>an unknown process</source>
        <translation>un processus inconnu</translation>
    </message>
    <message>
        <source>process %1</source>
        <translation>le processus %1</translation>
    </message>
    <message>
        <source>%1 started on %2.</source>
        <translation>%1 a démarré sur %2.</translation>
    </message>
    <message>
        <source>%1 started %2.</source>
        <translation>%1 a lancé %2.</translation>
    </message>
    <message>
        <source>%1 was already running on %2 when the events begin: how it started is not recorded.</source>
        <translation>%1 tournait déjà sur %2 au début des événements : son démarrage n’est pas enregistré.</translation>
    </message>
    <message>
        <source>%1, a file written during the attack, was started by %2.</source>
        <translation>%1, un fichier écrit pendant l’attaque, a été lancé par %2.</translation>
    </message>
    <message>
        <source>%1 wrote %2.</source>
        <translation>%1 a écrit %2.</translation>
    </message>
    <message>
        <source>%1 connected to %2.</source>
        <translation>%1 s’est connecté à %2.</translation>
    </message>
    <message>
        <source>%1 logged on to %2 over the network from %3.</source>
        <translation>%1 s’est connecté à %2 par le réseau depuis %3.</translation>
    </message>
    <message>
        <source>The service %1 was installed on %2 to run %3.</source>
        <translation>Le service %1 a été installé sur %2 pour exécuter %3.</translation>
    </message>
    <message>
        <source>The service control manager started %1 as a service.</source>
        <translation>Le gestionnaire de services a lancé %1 comme service.</translation>
    </message>
    <message>
        <source>%1, which Windows runs elevated without asking, started %2: the handler it reads (%3) had been hijacked, though the write itself is not in the events.</source>
        <translation>%1, que Windows exécute avec élévation sans demander, a lancé %2 : le gestionnaire qu’il lit (%3) avait été détourné, même si l’écriture elle-même n’est pas dans les événements.</translation>
    </message>
    <message>
        <source>%1, which Windows runs elevated without asking, started %2 through the hijacked handler %3.</source>
        <translation>%1, que Windows exécute avec élévation sans demander, a lancé %2 par le gestionnaire détourné %3.</translation>
    </message>
    <message>
        <source>%1 set %2 to %3, so that Windows runs it.</source>
        <translation>%1 a écrit %3 dans %2, pour que Windows l’exécute.</translation>
    </message>
    <message>
        <source>%1 started a thread in %2.</source>
        <translation>%1 a créé un thread dans %2.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>a process</source>
        <translation>un processus</translation>
    </message>
    <message>
        <source>%1 reached %2 through its service control manager.</source>
        <translation>%1 a atteint %2 par son gestionnaire de services.</translation>
    </message>
    <message>
        <source>%1 reached %2 through DCOM.</source>
        <translation>%1 a atteint %2 par DCOM.</translation>
    </message>
    <message>
        <source>%1 reached %2 through WMI.</source>
        <translation>%1 a atteint %2 par WMI.</translation>
    </message>
    <message>
        <source>%1 reached %2 through its task scheduler.</source>
        <translation>%1 a atteint %2 par son planificateur de tâches.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 was entered from %2 at %3 through a service installed remotely, %4, which ran %5 (events %6).</source>
        <translation>%1 a été atteint depuis %2 à %3 par un service installé à distance, %4, qui a exécuté %5 (événements %6).</translation>
    </message>
    <message>
        <source>%1 was entered from %2 at %3 through DCOM, which started %4 (events %5).</source>
        <translation>%1 a été atteint depuis %2 à %3 par DCOM, qui a lancé %4 (événements %5).</translation>
    </message>
    <message>
        <source>%1 was entered from %2 at %3 through WMI, which started %4 (events %5).</source>
        <translation>%1 a été atteint depuis %2 à %3 par WMI, qui a lancé %4 (événements %5).</translation>
    </message>
    <message>
        <source>%1 was entered from %2 at %3 through a scheduled task, which started %4 (events %5).</source>
        <translation>%1 a été atteint depuis %2 à %3 par une tâche planifiée, qui a lancé %4 (événements %5).</translation>
    </message>
    <message>
        <source>It came with a network logon of %1 (events %2).</source>
        <translation>Il s’est accompagné d’une connexion réseau de %1 (événements %2).</translation>
    </message>
    <message>
        <source>On %1 the move was made by %2.</source>
        <translation>Sur %1, le rebond a été fait par %2.</translation>
    </message>
    <message>
        <source>On %1 the move was made by %2 (%3).</source>
        <translation>Sur %1, le rebond a été fait par %2 (%3).</translation>
    </message>
    <message>
        <source>The attack began on %1 at %2, when the user ran %3 from %4 (events %5).</source>
        <translation>L’attaque a commencé sur %1 à %2, quand l’utilisateur a exécuté %3 depuis %4 (événements %5).</translation>
    </message>
    <message>
        <source>The attack began on %1 at %2, when the server process %3 started %4 (events %5): the application it serves was exploited.</source>
        <translation>L’attaque a commencé sur %1 à %2, quand le processus serveur %3 a lancé %4 (événements %5) : l’application qu’il sert a été exploitée.</translation>
    </message>
    <message>
        <source>The attack began on %1 at %2, when %3 started %4 (events %5): a document ran code.</source>
        <translation>L’attaque a commencé sur %1 à %2, quand %3 a lancé %4 (événements %5) : un document a exécuté du code.</translation>
    </message>
    <message>
        <source>The attack began on %1 at %2, when the task scheduler started %3 (events %4).</source>
        <translation>L’attaque a commencé sur %1 à %2, quand le planificateur de tâches a lancé %3 (événements %4).</translation>
    </message>
    <message>
        <source>The attack began on %1 at %2, when %3 was run from removable media (events %4).</source>
        <translation>L’attaque a commencé sur %1 à %2, quand %3 a été exécuté depuis un support amovible (événements %4).</translation>
    </message>
    <message>
        <source>The attack began on %1 at %2 with an account that logged on from elsewhere: %3 ran %4 (events %5).</source>
        <translation>L’attaque a commencé sur %1 à %2 avec un compte connecté depuis ailleurs : %3 a exécuté %4 (événements %5).</translation>
    </message>
    <message>
        <source>How the attack began is not in the events.</source>
        <translation>Le début de l’attaque n’est pas dans les événements.</translation>
    </message>
    <message>
        <source>The earliest attacker activity found is %1 on %2, already running when the events begin (first seen at %3; %4).</source>
        <translation>La première activité de l’attaquant trouvée est %1 sur %2, qui tournait déjà au début des événements (vu pour la première fois à %3 ; %4).</translation>
    </message>
    <message>
        <source>It bypassed User Account Control at %1: %2 started %3 through a hijacked handler (events %4).</source>
        <translation>Il a contourné le contrôle de compte d’utilisateur à %1 : %2 a lancé %3 par un gestionnaire détourné (événements %4).</translation>
    </message>
    <message>
        <source>%1 (event %2)</source>
        <translation>%1 (événement %2)</translation>
    </message>
    <message>
        <source>Attacker processes connected to %1.</source>
        <translation>Des processus de l’attaquant se sont connectés à %1.</translation>
    </message>
    <message numerus="yes">
        <source>The chain has %n step(s); the last, at %1: %2</source>
        <translation>
            <numerusform>La chaîne compte %n étape ; la dernière, à %1 : %2</numerusform>
            <numerusform>La chaîne compte %n étapes ; la dernière, à %1 : %2</numerusform>
        </translation>
    </message>
    <message>
        <source>It explains %1 of the incident&apos;s %2 alerted actions.</source>
        <translation>Elle explique %1 des %2 actions alertées de l’incident.</translation>
    </message>
    <message>
        <source>No alert of this incident names a process or a service: there is nothing to trace back.</source>
        <translation>Aucune alerte de cet incident ne nomme un processus ou un service : il n’y a rien à remonter.</translation>
    </message>
    <message>
        <source>The incident&apos;s alerts lead only to the system&apos;s own processes: no attacker activity to trace back.</source>
        <translation>Les alertes de l’incident ne mènent qu’aux processus du système : aucune activité de l’attaquant à remonter.</translation>
    </message>
    <message>
        <source>Incident %1 has no events.</source>
        <translation>L’incident %1 n’a pas d’événements.</translation>
    </message>
    <message>
        <source>Exploit of a public-facing application</source>
        <translation>Exploitation d’une application exposée</translation>
    </message>
    <message>
        <source>User execution</source>
        <translation>Exécution par l’utilisateur</translation>
    </message>
    <message>
        <source>Malicious document</source>
        <translation>Document malveillant</translation>
    </message>
    <message>
        <source>Remote service from another host</source>
        <translation>Service distant depuis un autre hôte</translation>
    </message>
    <message>
        <source>Valid account logon</source>
        <translation>Connexion d’un compte valide</translation>
    </message>
    <message>
        <source>Scheduled task</source>
        <translation>Tâche planifiée</translation>
    </message>
    <message>
        <source>Removable media</source>
        <translation>Support amovible</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>exploitation of a public-facing application</source>
        <translation>l&apos;exploitation d&apos;une application exposée</translation>
    </message>
    <message>
        <source>a program run by the user</source>
        <translation>un programme lancé par l&apos;utilisateur</translation>
    </message>
    <message>
        <source>a malicious document</source>
        <translation>un document malveillant</translation>
    </message>
    <message>
        <source>a remote service started from another host</source>
        <translation>un service distant lancé depuis un autre hôte</translation>
    </message>
    <message>
        <source>a logon with a valid account</source>
        <translation>une connexion avec un compte valide</translation>
    </message>
    <message>
        <source>a scheduled task</source>
        <translation>une tâche planifiée</translation>
    </message>
    <message>
        <source>removable media</source>
        <translation>un support amovible</translation>
    </message>
    <message>
        <source>an unknown entry vector</source>
        <translation>un vecteur inconnu</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>clos</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> et %1 autres</translation>
    </message>
    <message>
        <source>Incident report</source>
        <translation>Rapport d&apos;incident</translation>
    </message>
    <message>
        <source>Incident: #%1</source>
        <translation>Incident : n° %1</translation>
    </message>
    <message>
        <source>Classification: %1</source>
        <translation>Classification : %1</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>Date : %1</translation>
    </message>
    <message>
        <source>Analyst: %1</source>
        <translation>Analyste : %1</translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation>Version : %1</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>Synthèse</translation>
    </message>
    <message>
        <source>What happened: incident #%1 “%2” scores %3/100 with severity %4, from %5 alerts raised by %6 rules (%7).</source>
        <translation>Ce qui s&apos;est passé : l&apos;incident n° %1 « %2 » a un score de %3/100 et une sévérité de %4, pour %5 alertes levées par %6 règles (%7).</translation>
    </message>
    <message>
        <source>When: from %1 to %2 (UTC).</source>
        <translation>Quand : du %1 au %2 (UTC).</translation>
    </message>
    <message>
        <source>How it started: %1 (%2); the first attacker program was %3 on %4 at %5.</source>
        <translation>Comment cela a commencé : %1 (%2) ; le premier programme de l&apos;attaquant était %3 sur %4 à %5.</translation>
    </message>
    <message>
        <source>How it started: root-cause analysis found no entry vector in the stored events.</source>
        <translation>Comment cela a commencé : l&apos;analyse de cause racine n&apos;a trouvé aucun vecteur d&apos;entrée dans les événements stockés.</translation>
    </message>
    <message>
        <source>How far: %1 hosts (%2), %3 user accounts (%4), %5 remote addresses; tactics observed: %6.</source>
        <translation>Étendue : %1 hôtes (%2), %3 comptes (%4), %5 adresses distantes ; tactiques observées : %6.</translation>
    </message>
    <message>
        <source>Status: %1, %2.</source>
        <translation>Statut : %1, %2.</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>non assigné</translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation>assigné à %1</translation>
    </message>
    <message>
        <source>What to do now: contain the affected hosts (%1), reset the credentials of %2, then apply %3.</source>
        <translation>À faire maintenant : isoler les hôtes touchés (%1), réinitialiser les identifiants de %2, puis appliquer %3.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>No chain of attacker actions was reconstructed; the alerts are listed in the appendix.</source>
        <translation>Aucune chaîne d&apos;actions de l&apos;attaquant n&apos;a été reconstituée ; les alertes figurent en annexe.</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>host</source>
        <translation>hôte</translation>
    </message>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>remote address</source>
        <translation>adresse distante</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Cause racine</translation>
    </message>
    <message>
        <source>Entry vector: %1 (%2)</source>
        <translation>Vecteur d&apos;entrée : %1 (%2)</translation>
    </message>
    <message>
        <source>Root program: %1 on %2, user %3, at %4</source>
        <translation>Programme racine : %1 sur %2, utilisateur %3, à %4</translation>
    </message>
    <message>
        <source>Command line: %1</source>
        <translation>Ligne de commande : %1</translation>
    </message>
    <message>
        <source>Confidence: %1%, %2 of %3 alerted actions explained</source>
        <translation>Confiance : %1 %, %2 actions alertées expliquées sur %3</translation>
    </message>
    <message>
        <source>MITRE ATT&amp;CK techniques</source>
        <translation>Techniques MITRE ATT&amp;CK</translation>
    </message>
    <message>
        <source>Tactic</source>
        <translation>Tactique</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Recommended mitigations</source>
        <translation>Mesures d&apos;atténuation recommandées</translation>
    </message>
    <message>
        <source>ATT&amp;CK mitigations that address the observed techniques, those covering the most first.</source>
        <translation>Mesures ATT&amp;CK qui traitent les techniques observées, les plus couvrantes d&apos;abord.</translation>
    </message>
    <message>
        <source>Mitigation</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>Techniques</source>
        <translation>Techniques</translation>
    </message>
    <message>
        <source>How (ATT&amp;CK)</source>
        <translation>Comment (ATT&amp;CK)</translation>
    </message>
    <message>
        <source>Indicators of compromise</source>
        <translation>Indicateurs de compromission</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Indicator (defanged)</source>
        <translation>Indicateur (neutralisé)</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <source>affected host</source>
        <translation>hôte touché</translation>
    </message>
    <message>
        <source>address of %1</source>
        <translation>adresse de %1</translation>
    </message>
    <message>
        <source>program in the attack chain</source>
        <translation>programme de la chaîne d&apos;attaque</translation>
    </message>
    <message>
        <source>Response actions</source>
        <translation>Actions de réponse</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>Analyste</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>No response action is recorded for this incident yet.</source>
        <translation>Aucune action de réponse n&apos;est encore enregistrée pour cet incident.</translation>
    </message>
    <message>
        <source>Appendix: evidence</source>
        <translation>Annexe : preuves</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Sévérité</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>started a program</source>
        <translation>a lancé un programme</translation>
    </message>
    <message>
        <source>already running</source>
        <translation>déjà en cours d&apos;exécution</translation>
    </message>
    <message>
        <source>ran a file written earlier</source>
        <translation>a exécuté un fichier écrit plus tôt</translation>
    </message>
    <message>
        <source>wrote a file</source>
        <translation>a écrit un fichier</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>s&apos;est connecté</translation>
    </message>
    <message>
        <source>logged on</source>
        <translation>ouverture de session</translation>
    </message>
    <message>
        <source>created a service</source>
        <translation>a créé un service</translation>
    </message>
    <message>
        <source>service ran</source>
        <translation>service exécuté</translation>
    </message>
    <message>
        <source>hijacked a registry handler</source>
        <translation>a détourné un gestionnaire du registre</translation>
    </message>
    <message>
        <source>injected code</source>
        <translation>a injecté du code</translation>
    </message>
    <message>
        <source>moved to another host</source>
        <translation>s&apos;est déplacé vers un autre hôte</translation>
    </message>
    <message>
        <source>Renamed “%1”</source>
        <translation>Renommé « %1 »</translation>
    </message>
    <message>
        <source>Severity set to %1</source>
        <translation>Sévérité fixée à %1</translation>
    </message>
    <message>
        <source>Merged incidents %1 into this one (%2 alerts)</source>
        <translation>Incidents %1 fusionnés dans celui-ci (%2 alertes)</translation>
    </message>
    <message>
        <source>Split %1 alerts off into incident #%2</source>
        <translation>%1 alertes détachées dans l&apos;incident n° %2</translation>
    </message>
    <message>
        <source>Took %1 alerts out of the incident</source>
        <translation>%1 alertes retirées de l&apos;incident</translation>
    </message>
    <message>
        <source>Report written: %1 (SHA-256 %2…)</source>
        <translation>Rapport écrit : %1 (SHA-256 %2…)</translation>
    </message>
    <message>
        <source>rename</source>
        <translation>renommage</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>sévérité</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>fusion</translation>
    </message>
    <message>
        <source>split</source>
        <translation>séparation</translation>
    </message>
    <message>
        <source>remove alerts</source>
        <translation>retrait d&apos;alertes</translation>
    </message>
    <message>
        <source>report</source>
        <translation>rapport</translation>
    </message>
    <message>
        <source>acknowledge</source>
        <translation>prise en compte</translation>
    </message>
    <message>
        <source>assign</source>
        <translation>assignation</translation>
    </message>
    <message>
        <source>close</source>
        <translation>clôture</translation>
    </message>
    <message>
        <source>reopen</source>
        <translation>réouverture</translation>
    </message>
    <message>
        <source>Prepared by: %1</source>
        <translation>Rédigé par : %1</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Client : %1</translation>
    </message>
    <message>
        <source>Alerts per host, by ATT&amp;CK tactic; then every host, account and remote address involved.</source>
        <translation>Alertes par hôte, par tactique ATT&amp;CK ; puis chaque hôte, compte et adresse distante concernés.</translation>
    </message>
    <message>
        <source>(and %1 more techniques)</source>
        <translation>(et %1 autres techniques)</translation>
    </message>
    <message>
        <source>D3FEND countermeasures (inferred)</source>
        <translation>Contre-mesures D3FEND (déduites)</translation>
    </message>
    <message>
        <source>Inferred, not an official MITRE mapping: these D3FEND countermeasures act on the same digital artifacts as the observed techniques (D3FEND ontology). Check that each fits before adopting it.</source>
        <translation>Déduites, ce n&apos;est pas une correspondance officielle du MITRE : ces contre-mesures D3FEND agissent sur les mêmes artefacts numériques que les techniques observées (ontologie D3FEND). Vérifiez que chacune convient avant de l&apos;adopter.</translation>
    </message>
    <message>
        <source>Countermeasure</source>
        <translation>Contre-mesure</translation>
    </message>
    <message>
        <source>D3FEND tactic</source>
        <translation>Tactique D3FEND</translation>
    </message>
    <message>
        <source>Shared artifacts</source>
        <translation>Artefacts communs</translation>
    </message>
    <message>
        <source>No countermeasure is inferred for the observed techniques.</source>
        <translation>Aucune contre-mesure n&apos;est déduite pour les techniques observées.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>done</source>
        <translation>effectuée</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Recommandations</translation>
    </message>
    <message>
        <source>Contain: isolate %1 from the network until they are cleaned or rebuilt.</source>
        <translation>Isoler : couper %1 du réseau jusqu&apos;à leur nettoyage ou leur réinstallation.</translation>
    </message>
    <message>
        <source>Credentials: reset the passwords of %1 and review their group memberships and recent logons.</source>
        <translation>Identifiants : réinitialiser les mots de passe de %1 et revoir leurs appartenances aux groupes et leurs connexions récentes.</translation>
    </message>
    <message>
        <source>Block at the perimeter and look for in proxy and firewall logs: %1.</source>
        <translation>Bloquer en périphérie et rechercher dans les journaux du proxy et du pare-feu : %1.</translation>
    </message>
    <message>
        <source>Eradicate: remove %1 and what it installed%2; then hunt for the chain&apos;s programs on every other host.</source>
        <translation>Éradiquer : supprimer %1 et ce qu&apos;il a installé%2 ; puis rechercher les programmes de la chaîne sur tous les autres hôtes.</translation>
    </message>
    <message>
        <source> (services: %1)</source>
        <translation> (services : %1)</translation>
    </message>
    <message>
        <source>Entry vector: restrict which programs users can run (application control) and remind users not to open unexpected files.</source>
        <translation>Vecteur d&apos;entrée : restreindre les programmes que les utilisateurs peuvent lancer (contrôle applicatif) et rappeler de ne pas ouvrir de fichiers inattendus.</translation>
    </message>
    <message>
        <source>Entry vector: block macros and embedded objects in documents from the Internet, and filter attachments at the mail gateway.</source>
        <translation>Vecteur d&apos;entrée : bloquer les macros et objets intégrés des documents venus d&apos;Internet, et filtrer les pièces jointes à la passerelle de messagerie.</translation>
    </message>
    <message>
        <source>Entry vector: restrict remote service creation and administrative shares to administration hosts, and give each host its own local administrator password.</source>
        <translation>Vecteur d&apos;entrée : réserver la création de services à distance et les partages administratifs aux postes d&apos;administration, et donner à chaque hôte son propre mot de passe d&apos;administrateur local.</translation>
    </message>
    <message>
        <source>Entry vector: require multi-factor authentication for remote logons and review privileged accounts.</source>
        <translation>Vecteur d&apos;entrée : exiger l&apos;authentification multifacteur pour les connexions à distance et revoir les comptes à privilèges.</translation>
    </message>
    <message>
        <source>Entry vector: patch the exposed application, put it behind a web application firewall, and review what it can reach.</source>
        <translation>Vecteur d&apos;entrée : corriger l&apos;application exposée, la placer derrière un pare-feu applicatif et revoir ce qu&apos;elle peut atteindre.</translation>
    </message>
    <message>
        <source>Entry vector: review scheduled tasks on every host and restrict who can create them.</source>
        <translation>Vecteur d&apos;entrée : revoir les tâches planifiées de tous les hôtes et restreindre qui peut en créer.</translation>
    </message>
    <message>
        <source>Entry vector: disable autorun and restrict removable media.</source>
        <translation>Vecteur d&apos;entrée : désactiver l&apos;exécution automatique et restreindre les supports amovibles.</translation>
    </message>
    <message>
        <source>Harden: apply %1 (section “%2”).</source>
        <translation>Durcir : appliquer %1 (section « %2 »).</translation>
    </message>
    <message>
        <source>Detect: keep the %1 rules that fired enabled on every host, and watch the accounts and addresses above for 30 days.</source>
        <translation>Détecter : garder actives sur tous les hôtes les %1 règles qui se sont déclenchées, et surveiller les comptes et adresses ci-dessus pendant 30 jours.</translation>
    </message>
</context>
<context>
    <name>Response</name>
    <message>
        <source>no enabled %1 connector to send this through (add one, or choose one for %2 requests)</source>
        <translation>aucun connecteur %1 activé par lequel envoyer ceci (ajoutez-en un, ou choisissez-en un pour les requêtes %2)</translation>
    </message>
    <message>
        <source>no connector is named %1</source>
        <translation>aucun connecteur ne s’appelle %1</translation>
    </message>
    <message>
        <source>%1 %2 connectors could take this: choose one for %3 requests</source>
        <translation>%1 connecteurs %2 pourraient s’en charger : choisissez-en un pour les requêtes %3</translation>
    </message>
    <message>
        <source>the secret of connector %1: %2</source>
        <translation>le secret du connecteur %1 : %2</translation>
    </message>
</context>
<context>
    <name>ResponsePanel</name>
    <message>
        <source>--- %1 script for “%2” ---
%3

</source>
        <translation>--- script %1 pour « %2 » ---
%3

</translation>
    </message>
    <message>
        <source>☐ %1
%2

</source>
        <translation>☐ %1
%2

</translation>
    </message>
</context>
<context>
    <name>Toolkit</name>
    <message>
        <source>Unknown TLP level %1: use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.</source>
        <translation>Niveau TLP inconnu %1 : utilisez CLEAR, GREEN, AMBER, AMBER+STRICT ou RED.</translation>
    </message>
</context>
<context>
    <name>ToolkitZip</name>
    <message>
        <source>The toolkit would be larger than %1 bytes, the largest ZIP archive without ZIP64.</source>
        <translation>La boîte à outils dépasserait %1 octets, la plus grande archive ZIP possible sans ZIP64.</translation>
    </message>
    <message>
        <source>The file name %1 is too long for a ZIP archive.</source>
        <translation>Le nom de fichier %1 est trop long pour une archive ZIP.</translation>
    </message>
    <message>
        <source>Too many files for a ZIP archive without ZIP64 (65535 at most).</source>
        <translation>Trop de fichiers pour une archive ZIP sans ZIP64 (65535 au plus).</translation>
    </message>
    <message>
        <source>Cannot assemble the ZIP archive in memory.</source>
        <translation>Impossible d’assembler l’archive ZIP en mémoire.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>Vigie::Models::AlertGroupModel</name>
    <message>
        <source>(no rule)</source>
        <translation>(sans règle)</translation>
    </message>
    <message>
        <source>(no host)</source>
        <translation>(sans hôte)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Source → destination</source>
        <translation>Source → destination</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvertes</translation>
    </message>
    <message>
        <source>Highest severity</source>
        <translation>Gravité maximale</translation>
    </message>
    <message>
        <source>Newest (UTC)</source>
        <translation>Plus récente (UTC)</translation>
    </message>
</context>
<context>
    <name>Vigie::Models::AlertTableModel</name>
    <message>
        <source>Cannot read alerts: %1</source>
        <translation>Impossible de lire les alertes : %1</translation>
    </message>
    <message>
        <source>Cannot count events: %1</source>
        <translation>Impossible de compter les événements : %1</translation>
    </message>
    <message>
        <source>low</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <source>high</source>
        <translation>élevée</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critique</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>severity number (0–100), then its band name
----------
closed, then its disposition</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 port %2</source>
        <translation>%1 port %2</translation>
    </message>
    <message>
        <source>%1 (UTC)</source>
        <translation>%1 (UTC)</translation>
    </message>
    <message>
        <source>Severity %1 of 100 (%2)</source>
        <translation>Gravité %1 sur 100 (%2)</translation>
    </message>
    <message>
        <source>Host: %1</source>
        <translation>Hôte : %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Source : %1</translation>
    </message>
    <message>
        <source>Destination: %1</source>
        <translation>Destination : %1</translation>
    </message>
    <message>
        <source>Rule id: %1</source>
        <translation>Identifiant de règle : %1</translation>
    </message>
    <message>
        <source>ATT&amp;CK: %1</source>
        <translation>ATT&amp;CK : %1</translation>
    </message>
    <message>
        <source>Assigned to: %1</source>
        <translation>Assignée à : %1</translation>
    </message>
    <message>
        <source>Dataset: %1
Format: %2</source>
        <translation>Jeu de données : %1
Format : %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fermée</translation>
    </message>
    <message>
        <source>true positive</source>
        <translation>vrai positif</translation>
    </message>
    <message>
        <source>false positive</source>
        <translation>faux positif</translation>
    </message>
    <message>
        <source>benign</source>
        <translation>bénigne</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignée à</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>règle</translation>
    </message>
    <message>
        <source>rule id</source>
        <translation>identifiant de règle</translation>
    </message>
    <message>
        <source>severity: %1</source>
        <translation>gravité : %1</translation>
    </message>
    <message>
        <source>category</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <source>action</source>
        <translation>action</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>résultat</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>jeu de données</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>user: %1</source>
        <translation>utilisateur : %1</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>host</source>
        <translation>hôte</translation>
    </message>
    <message>
        <source>host id</source>
        <translation>identifiant d’hôte</translation>
    </message>
    <message>
        <source>host IP</source>
        <translation>IP de l’hôte</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>%1 → %2 %3</source>
        <translation>%1 → %2 %3</translation>
    </message>
    <message>
        <source>DNS question</source>
        <translation>question DNS</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>flow</source>
        <translation>flux</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>executable</source>
        <translation>exécutable</translation>
    </message>
    <message>
        <source>pid: %1</source>
        <translation>pid : %1</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>ligne de commande</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>parent</translation>
    </message>
    <message>
        <source>parent command line</source>
        <translation>ligne de commande du parent</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>File and registry</source>
        <translation>Fichier et registre</translation>
    </message>
    <message>
        <source>path</source>
        <translation>chemin</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>registry key</source>
        <translation>clé de registre</translation>
    </message>
    <message>
        <source>registry value</source>
        <translation>valeur de registre</translation>
    </message>
    <message>
        <source>ATT&amp;CK</source>
        <translation>ATT&amp;CK</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2 : %3</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Cannot read new alerts: %1</source>
        <translation>Impossible de lire les nouvelles alertes : %1</translation>
    </message>
    <message>
        <source>tactics: %1</source>
        <translation>tactiques : %1</translation>
    </message>
    <message>
        <source>(not in the bundled ATT&amp;CK %1)</source>
        <translation>(absente de l’ATT&amp;CK %1 fourni)</translation>
    </message>
    <message>
        <source>tactic: %1</source>
        <translation>tactique : %1</translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <extracomment>a technique, then how many more the alert carries</extracomment>
        <translation>%1 (+%2)</translation>
    </message>
    <message>
        <source>Time (local)</source>
        <translation>Heure (locale)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>ATT&amp;CK technique</source>
        <translation>Technique ATT&amp;CK</translation>
    </message>
    <message>
        <source>Cannot count the matching alerts: %1</source>
        <translation>Impossible de compter les alertes correspondantes : %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>a field of the alert: its label, then its value</extracomment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>a built-in analytic of Vigie (%1)</source>
        <translation>une analyse intégrée de Vigie (%1)</translation>
    </message>
    <message>
        <source>an indicator of compromise: %1</source>
        <translation>un indicateur de compromission : %1</translation>
    </message>
    <message>
        <source>Sigma rule &quot;%1&quot; (level %2, status %3)</source>
        <translation>règle Sigma « %1 » (niveau %2, statut %3)</translation>
    </message>
    <message>
        <source>author: %1</source>
        <translation>auteur : %1</translation>
    </message>
    <message>
        <source>false positive: %1</source>
        <translation>faux positif : %1</translation>
    </message>
    <message>
        <source>reference: %1</source>
        <translation>référence : %1</translation>
    </message>
    <message>
        <source>rule file: %1</source>
        <translation>fichier de la règle : %1</translation>
    </message>
    <message>
        <source>Detection</source>
        <translation>Détection</translation>
    </message>
</context>
<context>
    <name>Vigie::Models::ConnectorListModel</name>
    <message>
        <source>Caught up</source>
        <translation>À jour</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>%L1/s</source>
        <translation>%L1/s</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
</context>
<context>
    <name>Vigie::Models::IncidentListModel</name>
    <message>
        <source>Cannot read incidents: %1</source>
        <translation>Impossible de lire les incidents : %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Sévérité</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hôtes</translation>
    </message>
    <message>
        <source>Techniques</source>
        <translation>Techniques</translation>
    </message>
    <message>
        <source>First seen (UTC)</source>
        <translation>Première occurrence (UTC)</translation>
    </message>
    <message>
        <source>Last seen (UTC)</source>
        <translation>Dernière occurrence (UTC)</translation>
    </message>
    <message>
        <source>0–100, from the severity, how far the ATT&amp;CK tactics progress, the hosts and users involved and the number of alerts</source>
        <translation>0–100, d’après la sévérité, la progression des tactiques ATT&amp;CK, les hôtes et utilisateurs touchés et le nombre d’alertes</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>Vigie::Models::TimelineEventModel</name>
    <message>
        <source>event %1</source>
        <translation>événement %1</translation>
    </message>
    <message>
        <source>alert of the incident</source>
        <translation>alerte de l’incident</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>alerte</translation>
    </message>
    <message>
        <source>event</source>
        <translation>événement</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::AboutDialog</name>
    <message>
        <source>Public domain</source>
        <translation>Domaine public</translation>
    </message>
    <message>
        <source>OTRF Security-Datasets: Empire and Covenant attack simulations (Windows event logs), whole events copied verbatim</source>
        <translation>OTRF Security-Datasets : simulations d’attaques Empire et Covenant (journaux d’événements Windows), événements entiers copiés tels quels</translation>
    </message>
    <message>
        <source>OTRF Security-Datasets: APT29 evaluation, day 1 Zeek logs</source>
        <translation>OTRF Security-Datasets : évaluation APT29, journaux Zeek du jour 1</translation>
    </message>
    <message>
        <source>Stratosphere Laboratory (Czech Technical University in Prague): Suricata EVE test data of Slips (StratosphereLinuxIPS)</source>
        <translation>Stratosphere Laboratory (Université technique tchèque de Prague) : données de test Suricata EVE de Slips (StratosphereLinuxIPS)</translation>
    </message>
    <message>
        <source>AIT Austrian Institute of Technology: Wazuh alerts of the AIT Log Data Set v1.1, via aecid-alert-aggregation</source>
        <translation>AIT Austrian Institute of Technology : alertes Wazuh de l’AIT Log Data Set v1.1, via aecid-alert-aggregation</translation>
    </message>
    <message>
        <source>SigmaHQ: 3,061 detection rules by Florian Roth, Thomas Patzke and the SigmaHQ contributors, copied verbatim; each rule names its author, shown beside the alerts it raises</source>
        <translation>SigmaHQ : 3 061 règles de détection de Florian Roth, Thomas Patzke et des contributeurs de SigmaHQ, copiées telles quelles ; chaque règle nomme son auteur, affiché à côté des alertes qu’elle lève</translation>
    </message>
    <message>
        <source>MITRE ATT&amp;CK Enterprise v18.1: tactics, techniques, mitigations and their relationships</source>
        <translation>MITRE ATT&amp;CK Enterprise v18.1 : tactiques, techniques, mesures d’atténuation et leurs relations</translation>
    </message>
    <message>
        <source>MITRE D3FEND ontology: defensive techniques, their tactics and artifacts; the ATT&amp;CK to D3FEND pairs are inferred through shared artifacts (an approximation, not an official MITRE table)</source>
        <translation>Ontologie MITRE D3FEND : techniques défensives, leurs tactiques et artefacts ; les correspondances ATT&amp;CK vers D3FEND sont déduites des artefacts communs (une approximation, pas une table officielle du MITRE)</translation>
    </message>
    <message>
        <source>OASIS CACAO 2.0 JSON schemas (oasis-open/cacao-json-schemas), verbatim</source>
        <translation>Schémas JSON OASIS CACAO 2.0 (oasis-open/cacao-json-schemas), tels quels</translation>
    </message>
    <message>
        <source>the windows, threads and settings</source>
        <translation>les fenêtres, les threads et les réglages</translation>
    </message>
    <message>
        <source>the charts of an incident&apos;s timeline</source>
        <translation>les graphiques de la chronologie d’un incident</translation>
    </message>
    <message>
        <source>the store</source>
        <translation>la base</translation>
    </message>
    <message>
        <source>reading JSON events on import</source>
        <translation>la lecture des événements JSON à l’import</translation>
    </message>
    <message>
        <source>compressing the original documents in the store</source>
        <translation>la compression des documents d’origine dans la base</translation>
    </message>
    <message>
        <source>the identity of each record, to skip duplicates</source>
        <translation>l’identité de chaque enregistrement, pour écarter les doublons</translation>
    </message>
    <message>
        <source>reading Sigma rules</source>
        <translation>la lecture des règles Sigma</translation>
    </message>
    <message>
        <source>HTTPS and WebSocket for the connectors and the replay sensor</source>
        <translation>HTTPS et WebSocket pour les connecteurs et le capteur de rejeu</translation>
    </message>
    <message>
        <source>TLS for the connectors</source>
        <translation>TLS pour les connecteurs</translation>
    </message>
    <message>
        <source>compressed HTTP responses</source>
        <translation>les réponses HTTP compressées</translation>
    </message>
    <message>
        <source>connector secrets in the system keyring</source>
        <translation>les secrets des connecteurs dans le trousseau du système</translation>
    </message>
    <message>
        <source>About Vigie</source>
        <translation>À propos de Vigie</translation>
    </message>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
    <message>
        <source>Vigie %1</source>
        <translation>Vigie %1</translation>
    </message>
    <message>
        <source>A workbench for SOC and MDR analysts: triage alerts, gather them into incidents, trace an incident to its root cause and report it.</source>
        <translation>Un atelier pour les analystes SOC et MDR : trier les alertes, les regrouper en incidents, remonter un incident jusqu’à sa cause première et en faire le rapport.</translation>
    </message>
    <message>
        <source>Vigie&apos;s code, translations, icons and documentation are under the %1 licence.</source>
        <translation>Le code, les traductions, les icônes et la documentation de Vigie sont sous licence %1.</translation>
    </message>
    <message>
        <source>Bundled datasets</source>
        <translation>Jeux de données fournis</translation>
    </message>
    <message>
        <source>Each dataset keeps its own licence; its licence file is installed beside it. Paths are in Vigie&apos;s data folder (/usr/share/vigie when installed from the package), or built into the program.</source>
        <translation>Chaque jeu de données garde sa propre licence ; son fichier de licence est installé à côté de lui. Les chemins sont relatifs au dossier de données de Vigie (/usr/share/vigie quand Vigie est installé depuis le paquet), ou intégrés au programme.</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>(built into the program)</source>
        <translation>(intégré au programme)</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>Bibliothèques</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Utilisée pour</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>Qt itself uses further libraries (PCRE2, HarfBuzz, FreeType and others), each under its own licence; Help ▸ About Qt tells Qt&apos;s.</source>
        <translation>Qt utilise lui-même d’autres bibliothèques (PCRE2, HarfBuzz, FreeType et d’autres), chacune sous sa propre licence ; Aide ▸ À propos de Qt indique celle de Qt.</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::CloseDialog</name>
    <message>
        <source>Close alerts</source>
        <translation>Fermer des alertes</translation>
    </message>
    <message>
        <source>False positive</source>
        <translation>Faux positif</translation>
    </message>
    <message>
        <source>True positive</source>
        <translation>Vrai positif</translation>
    </message>
    <message>
        <source>Benign</source>
        <translation>Bénigne</translation>
    </message>
    <message>
        <source>Why (optional): a scanner of the customer, a test…</source>
        <translation>Pourquoi (facultatif) : un scanner du client, un test…</translation>
    </message>
    <message>
        <source>&amp;Disposition:</source>
        <translation>&amp;Qualification :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Raison :</translation>
    </message>
    <message numerus="yes">
        <source>Close %Ln alert(s)</source>
        <translation>
            <numerusform>Fermer %Ln alerte</numerusform>
            <numerusform>Fermer %Ln alertes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::ConnectorDialog</name>
    <message>
        <source>Connector</source>
        <translation>Connecteur</translation>
    </message>
    <message>
        <source>Elasticsearch / OpenSearch</source>
        <translation>Elasticsearch / OpenSearch</translation>
    </message>
    <message>
        <source>WebSocket stream</source>
        <translation>Flux WebSocket</translation>
    </message>
    <message>
        <source>TheHive 5</source>
        <translation>TheHive 5</translation>
    </message>
    <message>
        <source>Generic REST</source>
        <translation>REST générique</translation>
    </message>
    <message>
        <source>Wazuh manager (agents)</source>
        <translation>Manager Wazuh (agents)</translation>
    </message>
    <message>
        <source>Suricata EVE file</source>
        <translation>Fichier EVE Suricata</translation>
    </message>
    <message>
        <source>System authorities</source>
        <translation>Autorités du système</translation>
    </message>
    <message>
        <source>sha256/… — only for a self-signed sensor you trust</source>
        <translation>sha256/… — seulement pour un capteur autosigné de confiance</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Basic (user and password)</source>
        <translation>Basic (utilisateur et mot de passe)</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Jeton Bearer</translation>
    </message>
    <message>
        <source>Elastic API key</source>
        <translation>Clé d’API Elastic</translation>
    </message>
    <message>
        <source>keyring (the OS keyring), env:VARIABLE, or file:PATH (a file only you can read)</source>
        <translation>keyring (le trousseau du système), env:VARIABLE ou file:CHEMIN (un fichier que vous seul pouvez lire)</translation>
    </message>
    <message>
        <source>Stored in the OS keyring, never in the store</source>
        <translation>Gardé dans le trousseau du système, jamais dans la base</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL :</translation>
    </message>
    <message>
        <source>&amp;Index pattern:</source>
        <translation>Motif d’&amp;index :</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>Fichier d’&amp;AC :</translation>
    </message>
    <message>
        <source>&amp;Pinned key:</source>
        <translation>Clé é&amp;pinglée :</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentification :</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur :</translation>
    </message>
    <message>
        <source>Secret &amp;from:</source>
        <translation>Secret &amp;depuis :</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Secret :</translation>
    </message>
    <message>
        <source>&amp;Other settings:</source>
        <translation>Autres &amp;réglages :</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>Give the connector a name.</source>
        <translation>Donnez un nom au connecteur.</translation>
    </message>
    <message>
        <source>Other settings must be a JSON object.</source>
        <translation>Les autres réglages doivent être un objet JSON.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::ConnectorsPage</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>%1 runs with its old settings until it is paused and started again.</source>
        <translation>%1 garde ses anciens réglages jusqu’à ce qu’il soit mis en pause puis redémarré.</translation>
    </message>
    <message>
        <source>Remove connector</source>
        <translation>Supprimer le connecteur</translation>
    </message>
    <message>
        <source>Remove the connector %1? The events it brought in stay in the store.</source>
        <translation>Supprimer le connecteur %1 ? Les événements qu’il a apportés restent dans la base.</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Test de %1…</translation>
    </message>
    <message>
        <source>%1: ✔ %2</source>
        <translation>%1 : ✔ %2</translation>
    </message>
    <message>
        <source>%1: ✘ %2</source>
        <translation>%1 : ✘ %2</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::HuntPage</name>
    <message>
        <source>Sigma rule folder</source>
        <translation>Dossier de règles Sigma</translation>
    </message>
    <message>
        <source>Indicator list</source>
        <translation>Liste d’indicateurs</translation>
    </message>
    <message>
        <source>Indicator lists (*.txt *.csv *.json);;All files (*)</source>
        <translation>Listes d’indicateurs (*.txt *.csv *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation en cours…</translation>
    </message>
    <message>
        <source>Choose the rules, an indicator list or the analytics first.</source>
        <translation>Choisissez d’abord les règles, une liste d’indicateurs ou les analyses.</translation>
    </message>
    <message>
        <source>Loading the rules…</source>
        <translation>Chargement des règles…</translation>
    </message>
    <message>
        <source>The hunt failed: %1</source>
        <translation>La chasse a échoué : %1</translation>
    </message>
    <message>
        <source>Cancelled after %L1 events: %L2 hits, %L3 new alerts (kept).</source>
        <translation>Annulée après %L1 événements : %L2 correspondances, %L3 nouvelles alertes (conservées).</translation>
    </message>
    <message>
        <source>%L1 events in %2 s: %L3 hits, %L4 new alerts. Return or a double click shows the alerts in the queue.</source>
        <translation>%L1 événements en %2 s : %L3 correspondances, %L4 nouvelles alertes. Entrée ou un double clic montre les alertes dans la file.</translation>
    </message>
    <message>
        <source>indicator</source>
        <translation>indicateur</translation>
    </message>
    <message>
        <source>analytic</source>
        <translation>analyse</translation>
    </message>
    <message>
        <source>%L1 rules: the bundled SigmaHQ set and your folders</source>
        <translation>%L1 règles : le jeu SigmaHQ fourni et vos dossiers</translation>
    </message>
    <message>
        <source>rule left out: %1: %2</source>
        <translation>règle écartée : %1 : %2</translation>
    </message>
    <message>
        <source>%L1 of %L2 events…</source>
        <translation>%L1 événements sur %L2…</translation>
    </message>
    <message>
        <source>Hunt</source>
        <translation>Chasse</translation>
    </message>
    <message>
        <source>&amp;Sigma rules</source>
        <translation>Règles &amp;Sigma</translation>
    </message>
    <message>
        <source>The bundled SigmaHQ rules (3,061, Detection Rule License 1.1), and your own folders:</source>
        <translation>Les règles SigmaHQ fournies (3 061, Detection Rule License 1.1), et vos propres dossiers :</translation>
    </message>
    <message>
        <source>From &amp;level:</source>
        <translation>À partir du &amp;niveau :</translation>
    </message>
    <message>
        <source>Informational</source>
        <translation>Informatif</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Élevé</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation>Ajouter un &amp;dossier…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>&amp;Indicator lists:</source>
        <translation>Listes d’&amp;indicateurs :</translation>
    </message>
    <message>
        <source>Add &amp;list…</source>
        <translation>Ajouter une &amp;liste…</translation>
    </message>
    <message>
        <source>Plain text (one indicator per line, defanged or not), CSV with a value column, or a STIX 2.1 bundle</source>
        <translation>Texte (un indicateur par ligne, neutralisé ou non), CSV avec une colonne value, ou paquet STIX 2.1</translation>
    </message>
    <message>
        <source>Built-in &amp;analytics (beaconing, encoded PowerShell, LSASS access, lateral movement, brute force, exfiltration…)</source>
        <translation>&amp;Analyses intégrées (balises périodiques, PowerShell encodé, accès à LSASS, mouvement latéral, force brute, exfiltration…)</translation>
    </message>
    <message>
        <source>O&amp;ver:</source>
        <translation>&amp;Sur :</translation>
    </message>
    <message>
        <source>The whole store</source>
        <translation>Tout le magasin</translation>
    </message>
    <message>
        <source>The last 24 hours</source>
        <translation>Les dernières 24 heures</translation>
    </message>
    <message>
        <source>The last 7 days</source>
        <translation>Les 7 derniers jours</translation>
    </message>
    <message>
        <source>The last 30 days</source>
        <translation>Les 30 derniers jours</translation>
    </message>
    <message>
        <source>&amp;Run the hunt</source>
        <translation>&amp;Lancer la chasse</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>Correspondances</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Rule, indicator or analytic</source>
        <translation>Règle, indicateur ou analyse</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::IncidentDialog</name>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>New incident</source>
        <translation>Nouvel incident</translation>
    </message>
    <message numerus="yes">
        <source>#%1 %2 (%Ln alert(s))</source>
        <translation>
            <numerusform>n° %1 %2 (%Ln alerte)</numerusform>
            <numerusform>n° %1 %2 (%Ln alertes)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add to:</source>
        <translation>&amp;Ajouter à :</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln alert(s)</source>
        <translation>
            <numerusform>Ajouter %Ln alerte</numerusform>
            <numerusform>Ajouter %Ln alertes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::IncidentWorkspace</name>
    <message>
        <source>Incident #%1 — %2 (score %3)</source>
        <translation>Incident n° %1 — %2 (score %3)</translation>
    </message>
    <message>
        <source>Show its &amp;alerts in the queue</source>
        <translation>Montrer ses &amp;alertes dans la file</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Vue d’ensemble</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Chronologie</translation>
    </message>
    <message>
        <source>Cannot read the incident: %1</source>
        <translation>Impossible de lire l’incident : %1</translation>
    </message>
    <message>
        <source>Score %1 of 100, severity %2, %3 alerts</source>
        <translation>Score %1 sur 100, sévérité %2, %3 alertes</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Du %1 au %2</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hôtes</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Remote addresses</source>
        <translation>Adresses distantes</translation>
    </message>
    <message>
        <source>How far it went</source>
        <translation>Jusqu’où il est allé</translation>
    </message>
    <message>
        <source>Techniques</source>
        <translation>Techniques</translation>
    </message>
    <message>
        <source>Why these alerts belong together</source>
        <translation>Pourquoi ces alertes vont ensemble</translation>
    </message>
    <message>
        <source>where it starts</source>
        <translation>là où il commence</translation>
    </message>
    <message>
        <source>the same host within a session</source>
        <translation>le même hôte pendant une session</translation>
    </message>
    <message>
        <source>a process and the one it started</source>
        <translation>un processus et celui qu’il a lancé</translation>
    </message>
    <message>
        <source>lateral movement from another host</source>
        <translation>mouvement latéral depuis un autre hôte</translation>
    </message>
    <message>
        <source>a shared indicator</source>
        <translation>un indicateur commun</translation>
    </message>
    <message>
        <source>network alerts about the same address</source>
        <translation>alertes réseau sur la même adresse</translation>
    </message>
    <message>
        <source>placed by an analyst</source>
        <translation>placées par un analyste</translation>
    </message>
    <message>
        <source>no tactic</source>
        <translation>sans tactique</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>First seen (UTC)</source>
        <translation>Première occurrence (UTC)</translation>
    </message>
    <message>
        <source>Last seen (UTC)</source>
        <translation>Dernière occurrence (UTC)</translation>
    </message>
    <message>
        <source>&amp;Scope</source>
        <translation>&amp;Périmètre</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>Se&amp;verity…</source>
        <translation>Gra&amp;vité…</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Why it is here</source>
        <translation>Pourquoi elle est là</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Preuve</translation>
    </message>
    <message>
        <source>S&amp;plit off into a new incident…</source>
        <translation>&amp;Séparer dans un nouvel incident…</translation>
    </message>
    <message>
        <source>Ta&amp;ke out of the incident</source>
        <translation>Re&amp;tirer de l’incident</translation>
    </message>
    <message>
        <source>Undo the link that brought the selected alerts: correlation will not put them back into this incident</source>
        <translation>Défaire le lien qui a amené les alertes sélectionnées : la corrélation ne les remettra pas dans cet incident</translation>
    </message>
    <message>
        <source>Alerts and why each is in the incident:</source>
        <translation>Les alertes, et pourquoi chacune est dans l’incident :</translation>
    </message>
    <message>
        <source>Every event of the store; the incident&apos;s span is highlighted. Drag to show a span in the timeline below.</source>
        <translation>Tous les événements de la base ; la période de l’incident est en surbrillance. Glissez pour afficher une période dans la chronologie ci-dessous.</translation>
    </message>
    <message>
        <source>One lane per host: events as small marks, alerts as large ones coloured by ATT&amp;CK tactic</source>
        <translation>Une ligne par hôte : les événements en petites marques, les alertes en grandes, colorées par tactique ATT&amp;CK</translation>
    </message>
    <message>
        <source>Drag to zoom into a span (the list below follows); mouse wheel, + and - zoom; arrows pan; 0 shows the whole incident</source>
        <translation>Glissez pour zoomer sur une période (la liste ci-dessous suit) ; la molette, + et - zooment ; les flèches déplacent ; 0 montre tout l’incident</translation>
    </message>
    <message>
        <source>Show every entity</source>
        <translation>Toutes les entités</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Exporter en PNG…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>The events of the span on screen</source>
        <translation>Les événements de la période affichée</translation>
    </message>
    <message>
        <source>Host, account or indicator</source>
        <translation>Hôte, compte ou indicateur</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Click an entity to show its events on the timeline; the wheel zooms.</source>
        <translation>Cliquez sur une entité pour voir ses événements dans la chronologie ; la molette zoome.</translation>
    </message>
    <message>
        <source>The timeline shows the first %1 events of the incident&apos;s span.</source>
        <translation>La chronologie montre les %1 premiers événements de la période de l’incident.</translation>
    </message>
    <message>
        <source>events</source>
        <translation>événements</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>Files and hashes</source>
        <translation>Fichiers et empreintes</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>Domaines</translation>
    </message>
    <message>
        <source>Showing the events that name %1</source>
        <translation>Événements qui mentionnent %1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 : échec : %2</translation>
    </message>
    <message>
        <source>incident #%1 is gone</source>
        <translation>l’incident n°%1 n’existe plus</translation>
    </message>
    <message>
        <source>Rename incident #%1</source>
        <translation>Renommer l’incident n°%1</translation>
    </message>
    <message>
        <source>Title (correlation will keep it):</source>
        <translation>Titre (la corrélation le conservera) :</translation>
    </message>
    <message>
        <source>Renaming</source>
        <translation>Renommage</translation>
    </message>
    <message>
        <source>Severity of incident #%1</source>
        <translation>Gravité de l’incident n°%1</translation>
    </message>
    <message>
        <source>Severity, 0–100 (correlation will keep it):</source>
        <translation>Gravité, 0–100 (la corrélation la conservera) :</translation>
    </message>
    <message>
        <source>Setting the severity</source>
        <translation>Changement de gravité</translation>
    </message>
    <message>
        <source>Select the alerts to split off first.</source>
        <translation>Sélectionnez d’abord les alertes à séparer.</translation>
    </message>
    <message numerus="yes">
        <source>Split %n alert(s) off</source>
        <translation>
            <numerusform>Séparer %n alerte</numerusform>
            <numerusform>Séparer %n alertes</numerusform>
        </translation>
    </message>
    <message>
        <source>Title of the new incident:</source>
        <translation>Titre du nouvel incident :</translation>
    </message>
    <message>
        <source>Split from incident #%1</source>
        <translation>Séparé de l’incident n°%1</translation>
    </message>
    <message>
        <source>Splitting</source>
        <translation>Séparation</translation>
    </message>
    <message>
        <source>Select the alerts to take out first.</source>
        <translation>Sélectionnez d’abord les alertes à retirer.</translation>
    </message>
    <message>
        <source>Taking alerts out</source>
        <translation>Retrait d’alertes</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Impossible d’écrire %1</translation>
    </message>
    <message>
        <source>Tracing the incident back to where it began…</source>
        <translation>Recherche de l’origine de l’incident…</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>Command line or target</source>
        <translation>Ligne de commande ou cible</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Evidence of the selected step:</source>
        <translation>Preuves de l’étape sélectionnée :</translation>
    </message>
    <message>
        <source>&amp;Root cause</source>
        <translation>&amp;Cause première</translation>
    </message>
    <message>
        <source>Cannot trace the incident back: %1</source>
        <translation>Impossible de remonter l’incident : %1</translation>
    </message>
    <message>
        <source>Entry: %1</source>
        <translation>Entrée : %1</translation>
    </message>
    <message>
        <source> (confidence %1%)</source>
        <translation> (confiance %1 %)</translation>
    </message>
    <message>
        <source>ROOT · %1</source>
        <translation>RACINE · %1</translation>
    </message>
    <message>
        <source>not linked to the attack</source>
        <translation>sans lien avec l’attaque</translation>
    </message>
    <message numerus="yes">
        <source>Other activity on these hosts, not linked to the attack (%n process(es))</source>
        <translation>
            <numerusform>Autre activité sur ces hôtes, sans lien avec l’attaque (%n processus)</numerusform>
            <numerusform>Autre activité sur ces hôtes, sans lien avec l’attaque (%n processus)</numerusform>
        </translation>
    </message>
    <message>
        <source>outside the timeline&apos;s span: see it in the queue or the store</source>
        <translation>hors de la période de la chronologie : voir dans la file ou la base</translation>
    </message>
    <message>
        <source>E&amp;xport report…</source>
        <translation>E&amp;xporter le rapport…</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html);;Markdown (*.md)</source>
        <translation>PDF (*.pdf);;HTML (*.html);;Markdown (*.md)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>Re&amp;port</source>
        <translation>Ra&amp;pport</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Rédaction du rapport…</translation>
    </message>
    <message>
        <source>Cannot write the report: %1</source>
        <translation>Impossible de rédiger le rapport : %1</translation>
    </message>
    <message>
        <source>Cannot export the report: %1</source>
        <translation>Impossible d’exporter le rapport : %1</translation>
    </message>
    <message>
        <source>&amp;Template…</source>
        <translation>&amp;Modèle…</translation>
    </message>
    <message>
        <source>Choose the report template: organisation, logo, colours and sections (a JSON file; start from a copy of resources/report/template.json).</source>
        <translation>Choisir le modèle du rapport : organisation, logo, couleurs et sections (un fichier JSON ; partez d’une copie de resources/report/template.json).</translation>
    </message>
    <message>
        <source>Report template</source>
        <translation>Modèle de rapport</translation>
    </message>
    <message>
        <source>Report templates (*.json)</source>
        <translation>Modèles de rapport (*.json)</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>Par &amp;défaut</translation>
    </message>
    <message>
        <source>Use the bundled template</source>
        <translation>Utiliser le modèle fourni</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>fourni</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
    <message>
        <source>Respo&amp;nse</source>
        <translation>Répo&amp;nse</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::JsonView</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n occurrence</numerusform>
            <numerusform>%n occurrences</numerusform>
        </translation>
    </message>
    <message>
        <source>Find in the document (Ctrl+Shift+F; Return: next)</source>
        <translation>Chercher dans le document (Ctrl+Maj+F ; Entrée : suivant)</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::MainWindow</name>
    <message>
        <source>Vigie — %1</source>
        <translation>Vigie — %1</translation>
    </message>
    <message>
        <source>Select an alert to see the document the sensor sent.</source>
        <translation>Sélectionnez une alerte pour voir le document envoyé par le capteur.</translation>
    </message>
    <message>
        <source>%L1 events, %L2 alerts in %3</source>
        <translation>%L1 événements, %L2 alertes dans %3</translation>
    </message>
    <message>
        <source>The original document is not available: %1</source>
        <translation>Le document d’origine n’est pas disponible : %1</translation>
    </message>
    <message>
        <source>Connectors</source>
        <translation>Connecteurs</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;Find Alerts</source>
        <translation>&amp;Chercher des alertes</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>Minimum severity</source>
        <translation>Gravité minimale</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Élevée</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <source>Triage status</source>
        <translation>Statut de tri</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fermée</translation>
    </message>
    <message>
        <source>Minimum &amp;severity:</source>
        <translation>&amp;Gravité minimale :</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatut :</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Loading the original document…</source>
        <translation>Chargement du document d’origine…</translation>
    </message>
    <message>
        <source>Select All &amp;Matching</source>
        <translation>Sélectionner toutes les &amp;correspondantes</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Prendre en charge</translation>
    </message>
    <message>
        <source>&amp;Close…</source>
        <translation>&amp;Fermer…</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>&amp;Rouvrir</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>Assi&amp;gner…</translation>
    </message>
    <message>
        <source>&amp;Undo Last Triage Action</source>
        <translation>&amp;Annuler la dernière action de tri</translation>
    </message>
    <message>
        <source>Every alert matching the filter is selected</source>
        <translation>Toutes les alertes qui correspondent au filtre sont sélectionnées</translation>
    </message>
    <message numerus="yes">
        <source>All %Ln matching alert(s) selected</source>
        <translation>
            <numerusform>%Ln alerte correspondante sélectionnée</numerusform>
            <numerusform>Les %Ln alertes correspondantes sélectionnées</numerusform>
        </translation>
    </message>
    <message>
        <source>The previous triage action is still being written; try again in a moment</source>
        <translation>L’action de tri précédente est encore en cours d’écriture ; réessayez dans un instant</translation>
    </message>
    <message>
        <source>Select alerts first (Ctrl+A: every alert matching the filter)</source>
        <translation>Sélectionnez d’abord des alertes (Ctrl+A : toutes celles qui correspondent au filtre)</translation>
    </message>
    <message>
        <source>(Ctrl+Z undoes it)</source>
        <translation>(Ctrl+Z l’annule)</translation>
    </message>
    <message>
        <source>Acknowledged %1 alerts.</source>
        <translation>%1 alertes prises en charge.</translation>
    </message>
    <message>
        <source>Closed %1 alerts.</source>
        <translation>%1 alertes fermées.</translation>
    </message>
    <message>
        <source>Reopened %1 alerts.</source>
        <translation>%1 alertes rouvertes.</translation>
    </message>
    <message>
        <source>Assign alerts</source>
        <translation>Assigner des alertes</translation>
    </message>
    <message>
        <source>&amp;Analyst (empty to unassign):</source>
        <translation>&amp;Analyste (vide pour désassigner) :</translation>
    </message>
    <message>
        <source>Assigned %1 alerts.</source>
        <translation>%1 alertes assignées.</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Rien à annuler</translation>
    </message>
    <message>
        <source>Undone: %1 alerts as they were.</source>
        <translation>Annulé : %1 alertes comme avant.</translation>
    </message>
    <message>
        <source>&amp;Triage</source>
        <translation>&amp;Tri</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>règle</translation>
    </message>
    <message>
        <source>host</source>
        <translation>hôte</translation>
    </message>
    <message>
        <source>source and destination</source>
        <translation>source et destination</translation>
    </message>
    <message>
        <source>Grouped by %1 — Return opens a group, g changes the grouping</source>
        <translation>Groupées par %1 — Entrée ouvre un groupe, g change le regroupement</translation>
    </message>
    <message>
        <source>One group: %1 — Backspace goes back to the groups</source>
        <translation>Un groupe : %1 — Retour arrière revient aux groupes</translation>
    </message>
    <message>
        <source>Select a group first</source>
        <translation>Sélectionnez d’abord un groupe</translation>
    </message>
    <message>
        <source>Next / previous alert</source>
        <translation>Alerte suivante / précédente</translation>
    </message>
    <message>
        <source>Extend the selection / select</source>
        <translation>Étendre la sélection / sélectionner</translation>
    </message>
    <message>
        <source>Select every alert matching the filter</source>
        <translation>Sélectionner toutes les alertes qui correspondent au filtre</translation>
    </message>
    <message>
        <source>Acknowledge (take it, in progress)</source>
        <translation>Prendre en charge (en cours)</translation>
    </message>
    <message>
        <source>Close with a disposition (Return: false positive)</source>
        <translation>Fermer avec une qualification (Entrée : faux positif)</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <source>Assign to an analyst</source>
        <translation>Assigner à un analyste</translation>
    </message>
    <message>
        <source>Undo the last triage action</source>
        <translation>Annuler la dernière action de tri</translation>
    </message>
    <message>
        <source>Search; Return goes back to the queue</source>
        <translation>Chercher ; Entrée revient à la file</translation>
    </message>
    <message>
        <source>Group by rule, host, source/destination, none</source>
        <translation>Grouper par règle, hôte, source/destination, aucun</translation>
    </message>
    <message>
        <source>Open a group / back to the groups</source>
        <translation>Ouvrir un groupe / revenir aux groupes</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>Cette aide</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>The alert&apos;s fields, grouped.</source>
        <translation>Les champs de l’alerte, regroupés.</translation>
    </message>
    <message>
        <source>Copy &amp;Indicators, Defanged</source>
        <translation>Copier les &amp;indicateurs, désamorcés</translation>
    </message>
    <message numerus="yes">
        <source>%n indicator(s) copied, defanged</source>
        <translation>
            <numerusform>%n indicateur copié, désamorcé</numerusform>
            <numerusform>%n indicateurs copiés, désamorcés</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>Ajouter une &amp;note…</translation>
    </message>
    <message>
        <source>&amp;Tag…</source>
        <translation>É&amp;tiqueter…</translation>
    </message>
    <message>
        <source>Set Se&amp;verity…</source>
        <translation>Changer la &amp;gravité…</translation>
    </message>
    <message>
        <source>Add a note / tags / set the severity</source>
        <translation>Ajouter une note / des étiquettes / changer la gravité</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Ajouter une note</translation>
    </message>
    <message>
        <source>&amp;Note (kept with each alert):</source>
        <translation>&amp;Note (gardée avec chaque alerte) :</translation>
    </message>
    <message>
        <source>Noted on %1 alerts.</source>
        <translation>Note ajoutée à %1 alertes.</translation>
    </message>
    <message>
        <source>Tag alerts</source>
        <translation>Étiqueter des alertes</translation>
    </message>
    <message>
        <source>&amp;Tags, separated by commas (-tag removes it):</source>
        <translation>&amp;Étiquettes, séparées par des virgules (-étiquette la retire) :</translation>
    </message>
    <message>
        <source>Tagged %1 alerts.</source>
        <translation>%1 alertes étiquetées.</translation>
    </message>
    <message>
        <source>Set the severity</source>
        <translation>Changer la gravité</translation>
    </message>
    <message>
        <source>&amp;Severity (0–100; 21 low, 47 medium, 73 high, 99 critical):</source>
        <translation>&amp;Gravité (0–100 ; 21 faible, 47 moyenne, 73 élevée, 99 critique) :</translation>
    </message>
    <message>
        <source>Severity set on %1 alerts.</source>
        <translation>Gravité changée sur %1 alertes.</translation>
    </message>
    <message numerus="yes">
        <source>%n connector(s) running</source>
        <translation>
            <numerusform>%n connecteur actif</numerusform>
            <numerusform>%n connecteurs actifs</numerusform>
        </translation>
    </message>
    <message>
        <source>, %L1 events/s</source>
        <translation>, %L1 événements/s</translation>
    </message>
    <message numerus="yes">
        <source>%n in trouble</source>
        <translation>
            <numerusform>%n en difficulté</numerusform>
            <numerusform>%n en difficulté</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>Hunt</source>
        <translation>Chasse</translation>
    </message>
    <message>
        <source>Playbooks</source>
        <translation>Playbooks</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message numerus="yes">
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>%n nouvelle alerte</numerusform>
            <numerusform>%n nouvelles alertes</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Incident…</source>
        <translation>&amp;Incident…</translation>
    </message>
    <message>
        <source>Gather into a new or an existing incident</source>
        <translation>Regrouper dans un incident nouveau ou existant</translation>
    </message>
    <message>
        <source>Queue, Incidents, Hunt, Connectors, Playbooks, Settings</source>
        <translation>File, Incidents, Chasse, Connecteurs, Playbooks, Paramètres</translation>
    </message>
    <message>
        <source>Related alerts: same host, user, process, flow</source>
        <translation>Alertes liées : même hôte, utilisateur, processus, flux</translation>
    </message>
    <message>
        <source>Save the view / open a saved view</source>
        <translation>Enregistrer la vue / ouvrir une vue enregistrée</translation>
    </message>
    <message>
        <source>Click a column header</source>
        <translation>Clic sur un en-tête de colonne</translation>
    </message>
    <message>
        <source>Sort by it (again: the other way)</source>
        <translation>Trier par cette colonne (de nouveau : dans l’autre sens)</translation>
    </message>
    <message>
        <source>Writing the triage action…</source>
        <translation>Écriture de l’action de tri…</translation>
    </message>
    <message>
        <source>Cancelled: no alert was changed.</source>
        <translation>Annulé : aucune alerte n’a été modifiée.</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was undone.</source>
        <translation>Interrompu : rien n’a été annulé.</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>A&amp;ller</translation>
    </message>
    <message>
        <source>Related: Same &amp;Host</source>
        <translation>Liées : même &amp;hôte</translation>
    </message>
    <message>
        <source>Related: Same &amp;User</source>
        <translation>Liées : même &amp;utilisateur</translation>
    </message>
    <message>
        <source>Related: Same &amp;Process</source>
        <translation>Liées : même &amp;processus</translation>
    </message>
    <message>
        <source>Related: Same &amp;Flow</source>
        <translation>Liées : même &amp;flux</translation>
    </message>
    <message>
        <source>Saved &amp;Views</source>
        <translation>&amp;Vues enregistrées</translation>
    </message>
    <message>
        <source>Search rules, command lines, paths, URLs — or filter: host:DC01 technique:T1059 since:24h</source>
        <translation>Chercher dans les règles, lignes de commande, chemins, URL — ou filtrer : host:DC01 technique:T1059 since:24h</translation>
    </message>
    <message>
        <source>Free text is searched in rule names, command lines, paths and URLs.
Filters: host:NAME ip:ADDR user:NAME src:IP dst:IP rule:&quot;NAME&quot; technique:T1059 source:DATASET assignee:NAME (- for nobody) tag:TAG incident:N process:GUID status:new|in_progress|closed severity:high|N since:15m|24h|7d|2021-06-06 until:DATE</source>
        <translation>Le texte libre est cherché dans les noms de règles, lignes de commande, chemins et URL.
Filtres : host:NOM ip:ADRESSE user:NOM src:IP dst:IP rule:&quot;NOM&quot; technique:T1059 source:JEU assignee:NOM (- pour personne) tag:ÉTIQUETTE incident:N process:GUID status:new|in_progress|closed severity:high|N since:15m|24h|7d|2021-06-06 until:DATE</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Toute la période</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Filter not applied: %1</source>
        <translation>Filtre non appliqué : %1</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>The connectors could not be opened for this store; see the status bar. Files can still be imported with: vigie import FILE --db STORE</source>
        <translation>Les connecteurs n’ont pas pu être ouverts pour ce magasin ; voir la barre d’état. Les fichiers peuvent toujours être importés avec : vigie import FICHIER --db MAGASIN</translation>
    </message>
    <message>
        <source>No incident yet.</source>
        <translation>Aucun incident pour l’instant.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Added %1 alerts to incident #%2.</source>
        <translation>%1 alertes ajoutées à l’incident n° %2.</translation>
    </message>
    <message>
        <source>Gathered %1 alerts into a new incident.</source>
        <translation>%1 alertes regroupées dans un nouvel incident.</translation>
    </message>
    <message>
        <source>Select an alert first</source>
        <translation>Sélectionnez d’abord une alerte</translation>
    </message>
    <message>
        <source>This alert has no such field</source>
        <translation>Cette alerte n’a pas ce champ</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation en cours…</translation>
    </message>
    <message>
        <source>View “%1”</source>
        <translation>Vue « %1 »</translation>
    </message>
    <message>
        <source>&amp;Save Current View…</source>
        <translation>&amp;Enregistrer la vue actuelle…</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Enregistrer la vue</translation>
    </message>
    <message>
        <source>&amp;Name of this view:</source>
        <translation>&amp;Nom de cette vue :</translation>
    </message>
    <message>
        <source>&amp;Delete View</source>
        <translation>&amp;Supprimer une vue</translation>
    </message>
    <message numerus="yes">
        <source>%n selected alert(s) not loaded yet; try again in a moment, or use Ctrl+A for every alert matching the filter</source>
        <translation>
            <numerusform>%n alerte sélectionnée pas encore chargée ; réessayez dans un instant, ou Ctrl+A pour toutes les alertes du filtre</numerusform>
            <numerusform>%n alertes sélectionnées pas encore chargées ; réessayez dans un instant, ou Ctrl+A pour toutes les alertes du filtre</numerusform>
        </translation>
    </message>
    <message>
        <source>Find in the alert&apos;s document; Return: next match</source>
        <translation>Chercher dans le document de l’alerte ; Entrée : occurrence suivante</translation>
    </message>
    <message>
        <source>Find in the &amp;Document</source>
        <translation>Chercher dans le &amp;document</translation>
    </message>
    <message>
        <source>All incidents</source>
        <translation>Tous les incidents</translation>
    </message>
    <message>
        <source>Incidents by score: Vigie correlates the alerts, and you can gather alerts yourself (I in the queue). Return or a double click opens an incident: its overview, timeline and scope. Select several and press M to merge them into the first.</source>
        <translation>Incidents par score : Vigie corrèle les alertes, et vous pouvez en regrouper vous-même (I dans la file). Entrée ou un double clic ouvre un incident : sa vue d’ensemble, sa chronologie et son périmètre. Sélectionnez-en plusieurs et appuyez sur M pour les fusionner dans le premier.</translation>
    </message>
    <message>
        <source>&amp;Merge selected</source>
        <translation>&amp;Fusionner la sélection</translation>
    </message>
    <message>
        <source>Select two incidents or more to merge them.</source>
        <translation>Sélectionnez au moins deux incidents pour les fusionner.</translation>
    </message>
    <message numerus="yes">
        <source>Merged %n incident(s) into #%1.</source>
        <translation>
            <numerusform>%n incident fusionné dans le n°%1.</numerusform>
            <numerusform>%n incidents fusionnés dans le n°%1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Report written to %1 (SHA-256 %2, recorded in the history)</source>
        <translation>Rapport écrit dans %1 (SHA-256 %2, inscrit dans l’historique)</translation>
    </message>
    <message>
        <source>No store yet: the first import creates %1</source>
        <translation>Pas encore de base : le premier import crée %1</translation>
    </message>
    <message>
        <source>Import files (or drop them onto the window)</source>
        <translation>Importer des fichiers (ou les déposer sur la fenêtre)</translation>
    </message>
    <message>
        <source>Open another store</source>
        <translation>Ouvrir une autre base</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>&amp;Bienvenue</translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation>&amp;Importer des fichiers…</translation>
    </message>
    <message>
        <source>&amp;Open Store…</source>
        <translation>&amp;Ouvrir une base…</translation>
    </message>
    <message>
        <source>Recent &amp;Stores</source>
        <translation>Bases &amp;récentes</translation>
    </message>
    <message>
        <source>&amp;About Vigie</source>
        <translation>À &amp;propos de Vigie</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>No store yet: import files or add a connector to create it.</source>
        <translation>Pas encore de base : importez des fichiers ou ajoutez un connecteur pour la créer.</translation>
    </message>
    <message>
        <source>Creating the store %1…</source>
        <translation>Création de la base %1…</translation>
    </message>
    <message>
        <source>Cannot create the store: %1</source>
        <translation>Impossible de créer la base : %1</translation>
    </message>
    <message>
        <source>No recent stores</source>
        <translation>Aucune base récente</translation>
    </message>
    <message>
        <source>&amp;Clear the List</source>
        <translation>&amp;Effacer la liste</translation>
    </message>
    <message>
        <source>Start the demo from a terminal: vigie demo</source>
        <translation>Lancez la démo depuis un terminal : vigie demo</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>Ouvrir une base</translation>
    </message>
    <message>
        <source>Vigie stores (*.db *.vigie);;All files (*)</source>
        <translation>Bases Vigie (*.db *.vigie);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>There is no store at %1</source>
        <translation>Il n’y a pas de base à %1</translation>
    </message>
    <message>
        <source>Start Vigie on that store: vigie --db %1</source>
        <translation>Lancez Vigie sur cette base : vigie --db %1</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Importer des fichiers</translation>
    </message>
    <message>
        <source>Events and alerts (*.json *.ndjson *.jsonl *.log *.txt);;All files (*)</source>
        <translation>Événements et alertes (*.json *.ndjson *.jsonl *.log *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cancelling the import: the batch being written is finished first…</source>
        <translation>Annulation de l’import : le lot en cours d’écriture est d’abord terminé…</translation>
    </message>
    <message>
        <source>An import is running already: try again when it is done.</source>
        <translation>Un import est déjà en cours : réessayez quand il sera terminé.</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Loading the detection rules…</source>
        <translation>Chargement des règles de détection…</translation>
    </message>
    <message>
        <source>Importing %1 (file %2 of %3)…</source>
        <translation>Import de %1 (fichier %2 sur %3)…</translation>
    </message>
    <message>
        <source>%1 of %2 read, %3 new events</source>
        <translation>%1 lus sur %2, %3 nouveaux événements</translation>
    </message>
    <message>
        <source>Running the analytics over the new events…</source>
        <translation>Application des analyses aux nouveaux événements…</translation>
    </message>
    <message>
        <source>Gathering the alerts into incidents…</source>
        <translation>Regroupement des alertes en incidents…</translation>
    </message>
    <message>
        <source>The analytics failed: %1</source>
        <translation>Les analyses ont échoué : %1</translation>
    </message>
    <message>
        <source>The correlation failed: %1</source>
        <translation>La corrélation a échoué : %1</translation>
    </message>
    <message>
        <source>%1: not imported: %2</source>
        <translation>%1 : non importé : %2</translation>
    </message>
    <message>
        <source>%1: %2 accepted, %3 duplicates, %4 rejected</source>
        <translation>%1 : %2 acceptés, %3 doublons, %4 rejetés</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) raised by the Sigma rules</source>
        <translation>
            <numerusform>%n alerte levée par les règles Sigma</numerusform>
            <numerusform>%n alertes levées par les règles Sigma</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled: the events read until then are kept</source>
        <translation>annulé : les événements lus jusque-là sont conservés</translation>
    </message>
    <message>
        <source>… and %1 more rejected lines</source>
        <translation>… et %1 autres lignes rejetées</translation>
    </message>
    <message>
        <source>%1: a folder inside the dropped folder, not imported (only the files directly inside a dropped folder are)</source>
        <translation>%1 : un dossier à l’intérieur du dossier déposé, non importé (seuls les fichiers placés directement dans un dossier déposé le sont)</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Rien n’a été importé : %1</translation>
    </message>
    <message>
        <source>Import cancelled: %1 new events kept. Importing the same files again adds only what is missing.</source>
        <translation>Import annulé : %1 nouveaux événements conservés. Importer de nouveau les mêmes fichiers n’ajoute que ce qui manque.</translation>
    </message>
    <message>
        <source>There was no file to import.</source>
        <translation>Il n’y avait aucun fichier à importer.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) imported: %1 new events, %2 duplicates, %3 rejected lines.</source>
        <translation>
            <numerusform>%n fichier importé : %1 nouveaux événements, %2 doublons, %3 lignes rejetées.</numerusform>
            <numerusform>%n fichiers importés : %1 nouveaux événements, %2 doublons, %3 lignes rejetées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) raised by the analytics.</source>
        <translation>
            <numerusform>%n alerte levée par les analyses.</numerusform>
            <numerusform>%n alertes levées par les analyses.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Import annulé</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import terminé</translation>
    </message>
    <message>
        <source>Response playbooks (CACAO 2.0) run from an incident: open it on the Incidents page and use its Response tab — what each of the seven built-in playbooks would do (a dry run), runs with your approval for each destructive step, the hash-chained history and the toolkit export. From the command line: vigie playbook list|show|validate|run, vigie toolkit, vigie audit verify.</source>
        <translation>Les playbooks de réponse (CACAO 2.0) se lancent depuis un incident : ouvrez-le dans la page Incidents et utilisez son onglet Réponse — ce que ferait chacun des sept playbooks fournis (une simulation), les exécutions avec votre approbation pour chaque étape destructrice, l’historique chaîné par empreintes et l’export de la boîte à outils. En ligne de commande : vigie playbook list|show|validate|run, vigie toolkit, vigie audit verify.</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::ResponsePanel</name>
    <message>
        <source>What the selected playbook would do: each request exactly as it would be sent (secrets masked), the checklist and the scripts.</source>
        <translation>Ce que ferait le playbook choisi : chaque requête exactement telle qu’elle serait envoyée (secrets masqués), la liste de contrôle et les scripts.</translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation>&amp;Exécuter…</translation>
    </message>
    <message>
        <source>Run the playbook through the configured connectors; destructive steps ask for your approval first</source>
        <translation>Exécuter le playbook par les connecteurs configurés ; les étapes destructrices demandent d’abord votre approbation</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Export &amp;toolkit…</source>
        <translation>Exporter la &amp;boîte à outils…</translation>
    </message>
    <message>
        <source>A zip with the indicators (STIX 2.1, CSV), blocklists, Sigma hunting rules, containment scripts, the report and a README</source>
        <translation>Un zip avec les indicateurs (STIX 2.1, CSV), les listes de blocage, les règles de chasse Sigma, les scripts de confinement, le rapport et un README</translation>
    </message>
    <message>
        <source>Export the toolkit</source>
        <translation>Exporter la boîte à outils</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Archives zip (*.zip)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>Analyste</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Playbooks (CACAO 2.0):</source>
        <translation>Playbooks (CACAO 2.0) :</translation>
    </message>
    <message>
        <source>Response history (append-only, hash-chained: vigie audit verify):</source>
        <translation>Historique de la réponse (en ajout seul, chaîné par empreintes : vigie audit verify) :</translation>
    </message>
    <message>
        <source>Working out what each playbook would do…</source>
        <translation>Calcul de ce que ferait chaque playbook…</translation>
    </message>
    <message>
        <source>Cannot prepare the playbooks: %1</source>
        <translation>Impossible de préparer les playbooks : %1</translation>
    </message>
    <message>
        <source>%1 (nothing to act on in this incident)</source>
        <translation>%1 (rien sur quoi agir dans cet incident)</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n requête</numerusform>
            <numerusform>%n requêtes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n needing approval</source>
        <translation>
            <numerusform>%n à approuver</numerusform>
            <numerusform>%n à approuver</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checklist item(s)</source>
        <translation>
            <numerusform>%n point de contrôle</numerusform>
            <numerusform>%n points de contrôle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n script(s)</source>
        <translation>
            <numerusform>%n script</numerusform>
            <numerusform>%n scripts</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to send or do for this incident.</source>
        <translation>Rien à envoyer ni à faire pour cet incident.</translation>
    </message>
    <message>
        <source>Approve a destructive step</source>
        <translation>Approuver une étape destructrice</translation>
    </message>
    <message>
        <source>“%1” will act on the customer&apos;s systems:
%2</source>
        <translation>« %1 » va agir sur les systèmes du client :
%2</translation>
    </message>
    <message>
        <source>(see the details)</source>
        <translation>(voir les détails)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approuver</translation>
    </message>
    <message>
        <source>&amp;Refuse</source>
        <translation>&amp;Refuser</translation>
    </message>
    <message>
        <source>Manual step</source>
        <translation>Étape manuelle</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fait</translation>
    </message>
    <message>
        <source>A note for the record (optional)</source>
        <translation>Une note pour la trace (facultatif)</translation>
    </message>
    <message>
        <source>Run the playbook</source>
        <translation>Exécuter le playbook</translation>
    </message>
    <message>
        <source>Run “%1” for incident #%2? Its requests go to the customer&apos;s sensors through the configured connectors; each destructive step asks you first.</source>
        <translation>Exécuter « %1 » pour l’incident n° %2 ? Ses requêtes partent vers les capteurs du client par les connecteurs configurés ; chaque étape destructrice vous demande d’abord.</translation>
    </message>
    <message>
        <source>The playbook %1: %2</source>
        <translation>Le playbook %1 : %2</translation>
    </message>
    <message>
        <source>Cannot write the toolkit: %1</source>
        <translation>Impossible d’écrire la boîte à outils : %1</translation>
    </message>
    <message>
        <source>&amp;Undo the run</source>
        <translation>A&amp;nnuler l’exécution</translation>
    </message>
    <message>
        <source>Undo the last run&apos;s actions where the API can (release an isolation)</source>
        <translation>Annuler les actions de la dernière exécution là où l’API le permet (lever une isolation)</translation>
    </message>
    <message>
        <source>Undo the run</source>
        <translation>Annuler l’exécution</translation>
    </message>
    <message>
        <source>Send the undo of each action the sensors accepted in the last run (for example, release the isolations)?</source>
        <translation>Envoyer l’annulation de chaque action acceptée par les capteurs lors de la dernière exécution (par exemple, lever les isolations) ?</translation>
    </message>
    <message>
        <source>Cannot undo the run: %1</source>
        <translation>Impossible d’annuler l’exécution : %1</translation>
    </message>
    <message>
        <source>The last run has nothing to undo.</source>
        <translation>La dernière exécution n’a rien à annuler.</translation>
    </message>
    <message>
        <source>%1 undone, %2 failed:
%3</source>
        <translation>%1 annulées, %2 échouées :
%3</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::ScopeGraphView</name>
    <message>
        <source>logged on</source>
        <translation>s’est connecté</translation>
    </message>
    <message>
        <source>spawned</source>
        <translation>a lancé</translation>
    </message>
    <message>
        <source>ran</source>
        <translation>a exécuté</translation>
    </message>
    <message>
        <source>wrote</source>
        <translation>a écrit</translation>
    </message>
    <message>
        <source>connected to</source>
        <translation>s’est connecté à</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>a résolu</translation>
    </message>
    <message>
        <source>moved laterally to</source>
        <translation>a rebondi vers</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>Adresse distante</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domaine</translation>
    </message>
    <message>
        <source>Click an entity to show only its events on the timeline; the wheel zooms</source>
        <translation>Cliquez sur une entité pour ne voir que ses événements dans la chronologie ; la molette zoome</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hôtes</translation>
    </message>
    <message>
        <source>Processes of interest</source>
        <translation>Processus d’intérêt</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Remote addresses and domains</source>
        <translation>Adresses distantes et domaines</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n alert(s)</source>
        <translation>
            <numerusform>%1 · %n alerte</numerusform>
            <numerusform>%1 · %n alertes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n event(s)</source>
        <translation>
            <numerusform>%1 · %n événement</numerusform>
            <numerusform>%1 · %n événements</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 events, %2 alerts, %3 – %4 UTC</source>
        <translation>%1 événements, %2 alertes, %3 – %4 UTC</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::SettingsPage</name>
    <message>
        <source>Data directory</source>
        <translation>Dossier de données</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème :</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>T&amp;imes shown in:</source>
        <translation>&amp;Heures affichées en :</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Local time (%1)</source>
        <translation>Heure locale (%1)</translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation>&amp;Dossier de données :</translation>
    </message>
    <message>
        <source>Default: the user&apos;s application data folder</source>
        <translation>Par défaut : le dossier de données d’application de l’utilisateur</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Where the default store (vigie.db) lives; used from the next start. This window shows %1.</source>
        <translation>Emplacement du magasin par défaut (vigie.db) ; pris en compte au prochain démarrage. Cette fenêtre affiche %1.</translation>
    </message>
</context>
<context>
    <name>Vigie::Widgets::WelcomePage</name>
    <message>
        <source>Welcome to Vigie</source>
        <translation>Bienvenue dans Vigie</translation>
    </message>
    <message>
        <source>This window works on the store %1. Bring more events in, or open another store:</source>
        <translation>Cette fenêtre travaille sur la base %1. Apportez-y d’autres événements, ou ouvrez une autre base :</translation>
    </message>
    <message>
        <source>There is no store at %1 yet: importing files or adding a connector creates it. Start with one of these:</source>
        <translation>Il n’y a pas encore de base à %1 : importer des fichiers ou ajouter un connecteur la crée. Commencez par l’une de ces actions :</translation>
    </message>
    <message>
        <source>Open the &amp;demo</source>
        <translation>Ouvrir la &amp;démo</translation>
    </message>
    <message>
        <source>A replay sensor serves the bundled endpoint, network and Wazuh data over HTTPS and WSS; Vigie pulls it in as from real sensors.</source>
        <translation>Un capteur de rejeu sert les données fournies de postes, de réseau et de Wazuh en HTTPS et WSS ; Vigie les récupère comme depuis de vrais capteurs.</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Importer des fichiers…</translation>
    </message>
    <message>
        <source>Suricata EVE, Zeek, Wazuh, Windows events (Sysmon, Winlogbeat, Sentinel), Microsoft 365 and Elastic ECS: the format is detected and the Sigma rules run as the events load.</source>
        <translation>Suricata EVE, Zeek, Wazuh, événements Windows (Sysmon, Winlogbeat, Sentinel), Microsoft 365 et Elastic ECS : le format est détecté et les règles Sigma s’appliquent à mesure que les événements se chargent.</translation>
    </message>
    <message>
        <source>Add a &amp;connector</source>
        <translation>Ajouter un &amp;connecteur</translation>
    </message>
    <message>
        <source>Pull events from Elasticsearch, Wazuh, a REST API, a WebSocket stream or a growing EVE file.</source>
        <translation>Récupérer des événements depuis Elasticsearch, Wazuh, une API REST, un flux WebSocket ou un fichier EVE qui grossit.</translation>
    </message>
    <message>
        <source>&amp;Open a store…</source>
        <translation>&amp;Ouvrir une base…</translation>
    </message>
    <message>
        <source>Work on a store made earlier, by this workbench or by the command vigie import.</source>
        <translation>Travailler sur une base créée auparavant, par cet atelier ou par la commande vigie import.</translation>
    </message>
    <message>
        <source>You can also drop files or folders onto this window, at any time, to import them (a folder: the files directly inside it).</source>
        <translation>Vous pouvez aussi déposer des fichiers ou des dossiers sur cette fenêtre, à tout moment, pour les importer (pour un dossier : les fichiers placés directement dedans).</translation>
    </message>
    <message>
        <source>&amp;Recent stores (Return or a double click opens one):</source>
        <translation>Bases &amp;récentes (Entrée ou un double clic en ouvre une) :</translation>
    </message>
    <message>
        <source>No store opened yet.</source>
        <translation>Aucune base ouverte pour l’instant.</translation>
    </message>
</context>
</TS>
