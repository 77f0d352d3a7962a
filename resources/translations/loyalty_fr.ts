<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>ActivityPage</name>
    <message>
        <location filename="../../terminal/ui/manager/activity_page.py" line="+86"/>
        <source>Reading the figures…</source>
        <translation>Lecture des chiffres…</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Stamps given</source>
        <translation>Tampons donnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned</source>
        <translation>Points gagnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points redeemed</source>
        <translation>Points utilisés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewards</source>
        <translation>Récompenses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New cards</source>
        <translation>Nouvelles cartes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stamps, rewards and new cards per day</source>
        <translation>Tampons, récompenses et nouvelles cartes par jour</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Points per day</source>
        <translation>Points par jour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whole company</source>
        <translation>Toute l&apos;entreprise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Company figures need the server: this terminal works without one.</source>
        <translation>Les chiffres de l&apos;entreprise viennent du serveur : ce terminal fonctionne sans serveur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Company figures need the server: offline. Try again later.</source>
        <translation>Les chiffres de l&apos;entreprise viennent du serveur : hors ligne. Réessayez plus tard.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Company figures need the server: this terminal must be activated again.</source>
        <translation>Les chiffres de l&apos;entreprise viennent du serveur : ce terminal doit être réactivé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Company figures need the server: it did not send them. Try again later.</source>
        <translation>Les chiffres de l&apos;entreprise viennent du serveur : il ne les a pas envoyés. Réessayez plus tard.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This store (%1)</source>
        <translation>Ce magasin (%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Company figures as counted by the server at %1</source>
        <translation>Chiffres de l&apos;entreprise comptés par le serveur le %1</translation>
    </message>
</context>
<context>
    <name>AdjustPointsDialog</name>
    <message>
        <location filename="../../terminal/ui/manager/dialogs.py" line="+61"/>
        <source>Adjust points</source>
        <translation>Ajuster les points</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The card has %1 points. Type what to add (50) or take away (-50).</source>
        <translation>La carte a %1 points. Saisissez ce qu&apos;il faut ajouter (50) ou retirer (-50).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Points:</source>
        <translation>&amp;Points&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason (kept with the entry):</source>
        <translation>&amp;Motif (conservé avec l&apos;opération)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points to add or take away</source>
        <translation>Points à ajouter ou à retirer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for the adjustment</source>
        <translation>Motif de l&apos;ajustement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjust</source>
        <translation>Ajuster</translation>
    </message>
</context>
<context>
    <name>AmountDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/amount.py" line="+62"/>
        <location line="+13"/>
        <source>Earn points</source>
        <translation>Ajouter des points</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Points for %1</source>
        <translation>Points pour %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase &amp;amount:</source>
        <translation>&amp;Montant de l&apos;achat&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 12.50</source>
        <translation>ex. 12,50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase amount</source>
        <translation>Montant de l&apos;achat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount on the receipt, with a dot or a comma, e.g. 12.50 or 12,50</source>
        <translation>Le montant du ticket, avec un point ou une virgule, par exemple 12.50 ou 12,50</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Receipt number (optional):</source>
        <translation>Numéro de &amp;ticket (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt number</source>
        <translation>Numéro de ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: the order or receipt number</source>
        <translation>Facultatif&#xa0;: le numéro de commande ou de ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earn points (Enter)</source>
        <translation>Ajouter les points (Entrée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the points for this purchase</source>
        <translation>Ajouter les points de cet achat</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <location filename="../../terminal/ui/manager/card_page.py" line="+152"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DEACTIVATED</source>
        <translation>DÉSACTIVÉE</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Points: %1 (confirmed %2, pending %3)</source>
        <translation>Points&#xa0;: %1 (confirmés %2, en attente %3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stamps: %1 of %2 (confirmed %3, pending %4)</source>
        <translation>Tampons&#xa0;: %1 sur %2 (confirmés %3, en attente %4)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Points expire on %1</source>
        <translation>Les points expirent le %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrolled at %1</source>
        <translation>Inscrit à %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+138"/>
        <source>Deactivate the card…</source>
        <translation>Désactiver la carte…</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Reactivate the card…</source>
        <translation>Réactiver la carte…</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>← Cards (Esc)</source>
        <translation>← Cartes (Échap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the cards</source>
        <translation>Retour aux cartes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;First name:</source>
        <translation>&amp;Prénom&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Last name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;hone:</source>
        <translation>&amp;Téléphone&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the customer&apos;s details</source>
        <translation>Enregistrer les coordonnées du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjust points…</source>
        <translation>Ajuster les points…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History (newest first)</source>
        <translation>Historique (le plus récent d&apos;abord)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction history</source>
        <translation>Historique des transactions</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../terminal/ui/widgets/card_panel.py" line="+130"/>
        <source>Loyalty card</source>
        <translation>Carte de fidélité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps</source>
        <translation>Tampons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card %1</source>
        <translation>Carte %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DEACTIVATED: this card cannot earn or redeem. A manager can reactivate it.</source>
        <translation>DÉSACTIVÉE&#xa0;: cette carte ne peut ni cumuler ni utiliser d&apos;avantages. Un responsable peut la réactiver.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 of %2 stamps</source>
        <translation>Tampons&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reward available: %1</source>
        <translation>Récompense disponible&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points balance</source>
        <translation>Solde de points</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points expire on %1</source>
        <translation>Les points expirent le %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 point(s) pending sync</source>
        <translation>
            <numerusform>%1 point en attente de synchronisation</numerusform>
            <numerusform>%1 points en attente de synchronisation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 stamp(s) pending sync</source>
        <translation>
            <numerusform>%1 tampon en attente de synchronisation</numerusform>
            <numerusform>%1 tampons en attente de synchronisation</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enrolled at %1</source>
        <translation>Inscrit à %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
</context>
<context>
    <name>CardScreen</name>
    <message>
        <location filename="../../terminal/ui/screens/card.py" line="+129"/>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refusal</source>
        <translation>Refus</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add stamp</source>
        <translation>Ajouter un tampon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Give the customer one stamp</source>
        <translation>Donner un tampon au client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earn points</source>
        <translation>Ajouter des points</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points for a purchase amount</source>
        <translation>Des points pour le montant d&apos;un achat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stamp reward</source>
        <translation>Récompense tampons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand over the stamp card&apos;s reward</source>
        <translation>Remettre la récompense de la carte à tampons</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points reward</source>
        <translation>Récompense points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a reward from the catalogue and pay it with points</source>
        <translation>Choisir une récompense du catalogue et la payer en points</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Void / return</source>
        <translation>Annulation / retour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back a stamp given by mistake or the points of a returned purchase</source>
        <translation>Reprendre un tampon donné par erreur ou les points d&apos;un achat retourné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enroll a customer who has no card</source>
        <translation>Inscrire un client qui n&apos;a pas de carte</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Back
Esc</source>
        <translation>Retour
Échap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the idle screen (Esc)</source>
        <translation>Retour à l&apos;écran d&apos;accueil (Échap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reactivate card</source>
        <translation>Réactiver la carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager: let this card earn and redeem again</source>
        <translation>Responsable&#xa0;: permettre à nouveau à cette carte de cumuler et d&apos;utiliser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate card</source>
        <translation>Désactiver la carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager: block a lost or misused card</source>
        <translation>Responsable&#xa0;: bloquer une carte perdue ou utilisée abusivement</translation>
    </message>
</context>
<context>
    <name>CardStatusDialog</name>
    <message>
        <location filename="../../terminal/ui/manager/dialogs.py" line="+30"/>
        <source>Deactivate the card</source>
        <translation>Désactiver la carte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A deactivated card cannot earn or redeem. Reason (optional):</source>
        <translation>Une carte désactivée ne peut ni cumuler ni utiliser d&apos;avantages. Motif (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reactivate the card</source>
        <translation>Réactiver la carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The card can earn and redeem again. Reason (optional):</source>
        <translation>La carte peut de nouveau cumuler et utiliser des avantages. Motif (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reactivate</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <location filename="../../terminal/ui/manager/cards_page.py" line="+187"/>
        <source>Counting…</source>
        <translation>Comptage…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n carte</numerusform>
            <numerusform>%n cartes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Search:</source>
        <translation>&amp;Rechercher&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, card number, email or phone</source>
        <translation>Nom, numéro de carte, e-mail ou téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the cards</source>
        <translation>Rechercher des cartes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All cards</source>
        <translation>Toutes les cartes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Actives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivated</source>
        <translation>Désactivées</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Card status</source>
        <translation>État de la carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolled at this store</source>
        <translation>Inscrites dans ce magasin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward available</source>
        <translation>Récompense disponible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expire within 30 days</source>
        <translation>Points expirant sous 30 jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdrawn</source>
        <translation>À découvert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Cartes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter or double-click opens the card; click a column title to sort</source>
        <translation>Entrée ou un double-clic ouvre la carte&#xa0;; cliquez sur un titre de colonne pour trier</translation>
    </message>
</context>
<context>
    <name>ConflictDetails</name>
    <message>
        <location filename="../../terminal/ui/manager/conflict_details.py" line="+54"/>
        <source>No conflicts: the server took everything as it was sent.</source>
        <translation>Aucun conflit : le serveur a tout accepté tel qu&apos;envoyé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a conflict to see what it means.</source>
        <translation>Choisissez un conflit pour voir ce qu&apos;il signifie.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Card: %1</source>
        <translation>Carte : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer: %1</source>
        <translation>Client : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation: %1</source>
        <translation>Opération : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done at the counter: %1</source>
        <translation>Faite en caisse : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server&apos;s answer: %1</source>
        <translation>Réponse du serveur : %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Handled: %1</source>
        <translation>Traité : %1</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/conflicts.py" line="+111"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>Sync conflicts</source>
        <translation>Conflits de synchronisation</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the central server did not take as this terminal sent it. The balances shown are the server&apos;s; nothing here needs a new operation unless the customer disputes it.</source>
        <translation>Ce que le serveur central n&apos;a pas accepté tel que ce terminal l&apos;a envoyé. Les soldes affichés sont ceux du serveur ; rien ici ne demande une nouvelle opération, sauf si le client le conteste.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No conflicts: the server took everything as it was sent.</source>
        <translation>Aucun conflit : le serveur a tout accepté tel que c&apos;était envoyé.</translation>
    </message>
</context>
<context>
    <name>CounterFlows</name>
    <message>
        <location filename="../../terminal/ui/flows.py" line="+95"/>
        <source>Add a stamp</source>
        <translation>Ajouter un tampon</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n point(s) per 1.00 spent</source>
        <translation>
            <numerusform>%n point par 1,00 dépensé</numerusform>
            <numerusform>%n points par 1,00 dépensé</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stamp reward: %1</source>
        <translation>Récompense tampons&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Deactivate card %1</source>
        <translation>Désactiver la carte %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reactivate card %1</source>
        <translation>Réactiver la carte %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The terminal is still starting. Try again.</source>
        <translation>Le terminal démarre encore. Réessayez.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Enroll a new customer</source>
        <translation>Inscrire un nouveau client</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Points reward: %1</source>
        <translation>Récompense points&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Void / return on card %1</source>
        <translation>Annulation / retour sur la carte %1</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Pick who is at the counter first (bottom of the screen).</source>
        <translation>Choisissez d&apos;abord qui est en caisse (en bas de l&apos;écran).</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../terminal/ui/app_window.py" line="+458"/>
        <location line="+4"/>
        <source>Starting the camera…</source>
        <translation>Démarrage de la caméra…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Camera ready: %1</source>
        <translation>Caméra prête&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The picture source has no more pictures.</source>
        <translation>La source d&apos;images n&apos;a plus d&apos;images.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No camera found. Plug it in; the terminal reconnects by itself.</source>
        <translation>Aucune caméra trouvée. Branchez-la&#xa0;; le terminal se reconnecte tout seul.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The camera is in use by another program. Close it; reconnecting by itself.</source>
        <translation>La caméra est utilisée par un autre programme. Fermez-le&#xa0;; la reconnexion se fait toute seule.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The camera stopped sending pictures (unplugged?). Reconnecting…</source>
        <translation>La caméra n&apos;envoie plus d&apos;images (débranchée&#xa0;?). Reconnexion…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The camera cannot be used. Check it in the settings.</source>
        <translation>La caméra est inutilisable. Vérifiez-la dans les réglages.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Camera: ready</source>
        <translation>Caméra&#xa0;: prête</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Camera: not ready</source>
        <translation>Caméra&#xa0;: pas prête</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loyalty terminal</source>
        <translation>Terminal de fidélité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the &amp;counter:</source>
        <translation>En &amp;caisse&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff on duty</source>
        <translation>Personnel en service</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who serves at the counter: operations are recorded under this name</source>
        <translation>Qui sert en caisse&#xa0;: les opérations sont enregistrées sous ce nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manager (F10)</source>
        <translation>Responsable (F10)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager views</source>
        <translation>Vues du responsable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cards, activity and sync, after a manager&apos;s PIN (F10)</source>
        <translation>Cartes, activité et synchronisation, après le code PIN d&apos;un responsable (F10)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera, language, sound and the return to the idle screen (Ctrl+,)</source>
        <translation>Caméra, langue, son et retour à l&apos;écran d&apos;accueil (Ctrl+,)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local only: not connected to a server</source>
        <translation>Local uniquement&#xa0;: pas connecté à un serveur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync state</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store and terminal</source>
        <translation>Magasin et terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>DemoCustomersPanel</name>
    <message>
        <location filename="../../terminal/ui/widgets/demo_customers.py" line="+61"/>
        <location line="+10"/>
        <source>Demo customers</source>
        <translation>Clients de démonstration</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Pick a customer: their card is held in front of the demo camera.</source>
        <translation>Choisissez un client&#xa0;: sa carte est présentée à la caméra de démonstration.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo staff PINs:</source>
        <translation>Codes PIN du personnel de démonstration&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manager</source>
        <translation>responsable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cashier</source>
        <translation>caissier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter or a click holds this customer&apos;s card to the camera</source>
        <translation>Entrée ou un clic présente la carte de ce client à la caméra</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/enroll.py" line="+183"/>
        <source>Enroll a customer</source>
        <translation>Inscrire un client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New loyalty card</source>
        <translation>Nouvelle carte de fidélité</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Welcome bonus: %n points</source>
        <translation>
            <numerusform>Bonus de bienvenue&#xa0;: %n point</numerusform>
            <numerusform>Bonus de bienvenue&#xa0;: %n points</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points the new card starts with</source>
        <translation>Les points avec lesquels la nouvelle carte commence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email (required):</source>
        <translation>&amp;E-mail (obligatoire)&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;First name:</source>
        <translation>&amp;Prénom&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Last name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone:</source>
        <translation>&amp;Téléphone&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>name@example.com</source>
        <translation>nom@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll (Enter)</source>
        <translation>Inscrire (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll</source>
        <translation>Inscrire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the loyalty card with these details</source>
        <translation>Créer la carte de fidélité avec ces informations</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What is still needed to enroll</source>
        <translation>Ce qu&apos;il manque pour l&apos;inscription</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The customer&apos;s email address; the company asks for one</source>
        <translation>L&apos;adresse e-mail du client&#xa0;; l&apos;entreprise l&apos;exige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s email address; an email or a phone is needed</source>
        <translation>L&apos;adresse e-mail du client&#xa0;; un e-mail ou un téléphone est nécessaire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer&apos;s phone number; an email or a phone is needed</source>
        <translation>Le numéro de téléphone du client&#xa0;; un e-mail ou un téléphone est nécessaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s name, as it appears on the card</source>
        <translation>Le nom du client, tel qu&apos;il figure sur la carte</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Ready to enroll</source>
        <translation>Prêt pour l&apos;inscription</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Show card %1</source>
        <translation>Afficher la carte %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the existing card</source>
        <translation>Afficher la carte existante</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the card this customer already has, instead of enrolling again</source>
        <translation>Ouvrir la carte que ce client possède déjà, au lieu de l&apos;inscrire à nouveau</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <location filename="../../terminal/ui/manager/export_panel.py" line="+116"/>
        <source>cards-%1.csv</source>
        <translation>cartes-%1.csv</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting the cards…</source>
        <translation>Export des cartes…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>transactions-%1.csv</source>
        <translation>transactions-%1.csv</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting the transactions…</source>
        <translation>Export des transactions…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Export to CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export cards (CSV)…</source>
        <translation>Exporter les cartes (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export cards to a CSV file</source>
        <translation>Exporter les cartes dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cards the Cards tab lists, with its search and filters.</source>
        <translation>Les cartes de l&apos;onglet Cartes, avec sa recherche et ses filtres.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions &amp;from</source>
        <translation>Transactions &amp;du</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;to</source>
        <translation>&amp;au</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First day of the transactions to export</source>
        <translation>Premier jour des transactions à exporter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the transactions to export</source>
        <translation>Dernier jour des transactions à exporter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export transactions (CSV)…</source>
        <translation>Exporter les transactions (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export transactions to a CSV file</source>
        <translation>Exporter les transactions dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export result</source>
        <translation>Résultat de l&apos;export</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <location filename="../../terminal/ui/first_run.py" line="+147"/>
        <source>Preparing the demo…</source>
        <translation>Préparation de la démo…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Loyalty terminal: setup</source>
        <translation>Terminal de fidélité&#xa0;: installation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This terminal is not activated yet</source>
        <translation>Ce terminal n&apos;est pas encore activé</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Activating…</source>
        <translation>Activation…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+74"/>
        <source>Activate</source>
        <translation>Activer</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Type the server&apos;s address and the activation code.</source>
        <translation>Saisissez l&apos;adresse du serveur et le code d&apos;activation.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a server address. It looks like https://loyalty.example.com</source>
        <translation>Ce n&apos;est pas une adresse de serveur. Elle ressemble à https://loyalty.example.com</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use an https:// address: plain http would send the terminal&apos;s key unencrypted.</source>
        <translation>Utilisez une adresse https:// : en http simple, la clé du terminal circulerait en clair.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer has no secure credential store to keep the terminal&apos;s key. Install or unlock one (GNOME Keyring or KWallet), or tick the box below to keep it in a file only this user can read.</source>
        <translation>Cet ordinateur n&apos;a pas de coffre d&apos;identifiants sécurisé pour garder la clé du terminal. Installez-en ou déverrouillez-en un (GNOME Keyring ou KWallet), ou cochez la case ci-dessous pour la garder dans un fichier lisible par ce seul utilisateur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server&apos;s certificate is not trusted by this computer. Ask IT for the company&apos;s certificate authority (server_ca_bundle in the settings).</source>
        <translation>Cet ordinateur ne reconnaît pas le certificat du serveur. Demandez à l&apos;informatique l&apos;autorité de certification de l&apos;entreprise (server_ca_bundle dans les réglages).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No answer from the server: check the address and the network.</source>
        <translation>Pas de réponse du serveur : vérifiez l&apos;adresse et le réseau.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server speaks another version: install the current terminal software.</source>
        <translation>Le serveur parle une autre version : installez la version actuelle du terminal.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused this code: unknown, already used or expired. Ask the back office for a new one.</source>
        <translation>Le serveur a refusé ce code : inconnu, déjà utilisé ou expiré. Demandez-en un nouveau au back-office.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server activated the terminal but its key could not be stored here. Ask the back office for a new code.</source>
        <translation>Le serveur a activé le terminal, mais sa clé n&apos;a pas pu être gardée ici. Demandez un nouveau code au back-office.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The activation failed: %1</source>
        <translation>L&apos;activation a échoué : %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A terminal works for one store of a company. Activate it once with the central server&apos;s address and a one-time code from the company&apos;s back office. No loyalty database was found at %1.

Or try everything on demo data first.</source>
        <translation>Un terminal sert un magasin d&apos;une entreprise. Activez-le une fois avec l&apos;adresse du serveur central et un code à usage unique du back-office de l&apos;entreprise. Aucune base de fidélité n&apos;a été trouvée à %1.

Ou essayez d&apos;abord tout sur des données de démonstration.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Server address:</source>
        <translation>Adresse du &amp;serveur :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activation &amp;code:</source>
        <translation>&amp;Code d&apos;activation :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Terminal name:</source>
        <translation>Nom du &amp;terminal :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Counter 1</source>
        <translation>p. ex. Caisse 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the key in a file readable by this user only (no secure store here)</source>
        <translation>Garder la clé dans un fichier lisible par ce seul utilisateur (pas de coffre sécurisé ici)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect this terminal to its store with the code from the back office</source>
        <translation>Relier ce terminal à son magasin avec le code du back-office</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Open the demo</source>
        <translation>Ouvrir la démonstration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A demo store with demo customers and a demo camera, on this computer</source>
        <translation>Un magasin de démonstration avec des clients et une caméra de démonstration, sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the terminal</source>
        <translation>Fermer le terminal</translation>
    </message>
</context>
<context>
    <name>HandledDialog</name>
    <message>
        <location filename="../../terminal/ui/manager/handled_dialog.py" line="+46"/>
        <location line="+6"/>
        <location line="+1"/>
        <source>Mark as handled</source>
        <translation>Marquer comme traité</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Mark this conflict as handled</source>
        <translation>Marquer ce conflit comme traité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Note (optional): what you did</source>
        <translation>&amp;Note (facultative) : ce que vous avez fait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. points given back by hand</source>
        <translation>p. ex. points rendus à la main</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <location filename="../../terminal/ui/screens/idle.py" line="+73"/>
        <source>Show your loyalty card</source>
        <translation>Présentez votre carte de fidélité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera picture</source>
        <translation>Image de la caméra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold the card&apos;s QR code inside the frame, about 20 cm from the camera</source>
        <translation>Tenez le code QR de la carte dans le cadre, à environ 20 cm de la caméra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera status</source>
        <translation>État de la caméra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Or &amp;type a card number, an email or a phone number:</source>
        <translation>Ou &amp;saisissez un numéro de carte, un e-mail ou un numéro de téléphone&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1234-5678-9012, name@example.com, 06 12 34 56 78</source>
        <translation>1234-5678-9012, nom@example.com, 06 12 34 56 78</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a card</source>
        <translation>Rechercher une carte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card number, email or phone number, then Enter. A USB scanner works too.</source>
        <translation>Numéro de carte, e-mail ou téléphone, puis Entrée. Un lecteur USB fonctionne aussi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find (Enter)</source>
        <translation>Rechercher (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look up the card typed in the box</source>
        <translation>Rechercher la carte saisie dans le champ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer (F8)</source>
        <translation>Nouveau client (F8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll a new customer</source>
        <translation>Inscrire un nouveau client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a loyalty card for a customer who has none</source>
        <translation>Créer une carte de fidélité pour un client qui n&apos;en a pas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>ManagerScreen</name>
    <message>
        <location filename="../../terminal/ui/manager/screen.py" line="+180"/>
        <source>Cards</source>
        <translation>Cartes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync and conflicts</source>
        <translation>Synchronisation et conflits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the counter (locks)</source>
        <translation>Retour à la caisse (verrouille)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the manager views</source>
        <translation>Verrouiller les vues du responsable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manager: %1</source>
        <translation>Responsable&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ManagerSignInDialog</name>
    <message>
        <location filename="../../terminal/ui/manager/dialogs.py" line="+34"/>
        <source>No manager is set up for this company.</source>
        <translation>Aucun responsable n&apos;est configuré pour cette entreprise.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+4"/>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The manager views need a manager&apos;s PIN.</source>
        <translation>Les vues du responsable demandent le code PIN d&apos;un responsable.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Manager:</source>
        <translation>&amp;Responsable&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;PIN:</source>
        <translation>Code &amp;PIN&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>NewCardDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/new_card.py" line="+106"/>
        <source>New loyalty card</source>
        <translation>Nouvelle carte de fidélité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The card is ready</source>
        <translation>La carte est prête</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card number</source>
        <translation>Numéro de carte</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Welcome bonus: %n points</source>
        <translation>
            <numerusform>Bonus de bienvenue&#xa0;: %n point</numerusform>
            <numerusform>Bonus de bienvenue&#xa0;: %n points</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points the new card starts with</source>
        <translation>Les points avec lesquels la nouvelle carte commence</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer can photograph this code with their phone and show it at the counter next time, or take a printed card.</source>
        <translation>Le client peut photographier ce code avec son téléphone et le présenter en caisse la prochaine fois, ou prendre une carte imprimée.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the customer can do</source>
        <translation>Ce que le client peut faire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QR code of card %1</source>
        <translation>Code QR de la carte %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer photographs it, or shows it to the camera next time</source>
        <translation>Le client le photographie, ou le présente à la caméra la prochaine fois</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print card (Ctrl+P)</source>
        <translation>&amp;Imprimer la carte (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print card</source>
        <translation>Imprimer la carte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the card, bank-card size, with its QR code</source>
        <translation>Imprimer la carte, au format carte bancaire, avec son code QR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done (Enter)</source>
        <translation>Terminé (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close and go back to the counter</source>
        <translation>Fermer et revenir à la caisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the printing went</source>
        <translation>Résultat de l&apos;impression</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loyalty card %1</source>
        <translation>Carte de fidélité %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the card</source>
        <translation>Imprimer la carte</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The card could not be printed. Check the printer.</source>
        <translation>La carte n&apos;a pas pu être imprimée. Vérifiez l&apos;imprimante.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Card sent to the printer.</source>
        <translation>Carte envoyée à l&apos;imprimante.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loyalty card</source>
        <translation>Carte de fidélité</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show this code at the counter</source>
        <translation>Présentez ce code en caisse</translation>
    </message>
</context>
<context>
    <name>OperationDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/base.py" line="+69"/>
        <source>Cancel (Esc)</source>
        <translation>Annuler (Échap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without doing anything</source>
        <translation>Fermer sans rien faire</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/pin.py" line="+68"/>
        <source>Staff PIN</source>
        <translation>Code PIN du personnel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Manager (only a manager can do this):</source>
        <translation>&amp;Responsable (seul un responsable peut le faire)&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Who are you?</source>
        <translation>&amp;Qui êtes-vous&#xa0;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;PIN:</source>
        <translation>Code &amp;PIN&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm (Enter)</source>
        <translation>Valider (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the PIN and do the operation</source>
        <translation>Vérifier le code PIN et effectuer l&apos;opération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff member</source>
        <translation>Membre du personnel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick your name with the arrow keys</source>
        <translation>Choisissez votre nom avec les flèches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your staff PIN, 4 to 8 digits, hidden</source>
        <translation>Votre code PIN personnel, 4 à 8 chiffres, masqué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 to 8 digits</source>
        <translation>4 à 8 chiffres</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>manager</source>
        <translation>responsable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cashier</source>
        <translation>caissier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>locked until %1</source>
        <translation>bloqué jusqu&apos;à %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pick your name first.</source>
        <translation>Choisissez d&apos;abord votre nom.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type your PIN.</source>
        <translation>Saisissez votre code PIN.</translation>
    </message>
</context>
<context>
    <name>RewardsDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/rewards.py" line="+75"/>
        <location line="+1"/>
        <source>Redeem a reward</source>
        <translation>Échanger une récompense</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points balance: %1</source>
        <translation>Solde de points&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rewards:</source>
        <translation>&amp;Récompenses&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewards</source>
        <translation>Récompenses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The rewards of the catalogue with their cost in points. Up and Down pick one, Enter redeems it. Greyed-out rewards say why the card cannot have them.</source>
        <translation>Les récompenses du catalogue avec leur coût en points. Haut et Bas en choisissent une, Entrée l&apos;échange. Les récompenses grisées indiquent pourquoi la carte ne peut pas les obtenir.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The catalogue has no rewards.</source>
        <translation>Le catalogue ne contient aucune récompense.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem (Enter)</source>
        <translation>Échanger (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem</source>
        <translation>Échanger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redeem the selected reward with the card&apos;s points</source>
        <translation>Échanger la récompense choisie contre les points de la carte</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 - %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The card can have this reward</source>
        <translation>La carte peut obtenir cette récompense</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Pick a reward first: Up and Down move, Enter redeems.</source>
        <translation>Choisissez d&apos;abord une récompense&#xa0;: Haut et Bas pour se déplacer, Entrée pour échanger.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/settings.py" line="+129"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminal settings</source>
        <translation>Réglages du terminal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Camera:</source>
        <translation>&amp;Caméra&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera number</source>
        <translation>Numéro de la caméra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which camera reads the cards: 0 is the first one the PC found</source>
        <translation>La caméra qui lit les cartes&#xa0;: 0 est la première trouvée par le PC</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Resolution:</source>
        <translation>&amp;Résolution&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera resolution</source>
        <translation>Résolution de la caméra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width × height of the camera picture; higher reads smaller codes</source>
        <translation>Largeur × hauteur de l&apos;image de la caméra&#xa0;; plus elle est grande, plus les petits codes sont lus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Decoder:</source>
        <translation>&amp;Décodeur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR code decoder</source>
        <translation>Décodeur de codes QR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The engine that reads the QR codes on the cards</source>
        <translation>Le moteur qui lit les codes QR des cartes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Back to idle after:</source>
        <translation>Retour à l&apos;&amp;accueil après&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the idle screen after</source>
        <translation>Retour à l&apos;écran d&apos;accueil après</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds the result stays on screen before the scan screen returns</source>
        <translation>Secondes pendant lesquelles le résultat reste affiché avant le retour à l&apos;écran de lecture</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of the terminal&apos;s screens</source>
        <translation>La langue des écrans du terminal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sound</source>
        <translation>Son</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A short sound after each operation, another one after a refusal</source>
        <translation>Un son bref après chaque opération, un autre après un refus</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>0 (the first camera)</source>
        <translation>0 (la première caméra)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sound after each operation</source>
        <translation>&amp;Son après chaque opération</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (from the settings file)</source>
        <translation>%1 (du fichier de réglages)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save (Enter)</source>
        <translation>Enregistrer (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the settings and use them now</source>
        <translation>Enregistrer les réglages et les appliquer tout de suite</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Standard: zxing-cpp (pyzbar is missing)</source>
        <translation>Standard&#xa0;: zxing-cpp (pyzbar est absent)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standard: zxing-cpp, pyzbar for hard-to-read codes</source>
        <translation>Standard&#xa0;: zxing-cpp, pyzbar pour les codes difficiles à lire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>zxing-cpp only</source>
        <translation>zxing-cpp seul</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pyzbar only: unavailable, libzbar is missing</source>
        <translation>pyzbar seul&#xa0;: indisponible, libzbar est absente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pyzbar only (slower)</source>
        <translation>pyzbar seul (plus lent)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>pyzbar needs the zbar library, which is not installed on this PC: no card will be read. Pick another decoder or ask IT to install libzbar.</source>
        <translation>pyzbar a besoin de la bibliothèque zbar, qui n&apos;est pas installée sur ce PC&#xa0;: aucune carte ne sera lue. Choisissez un autre décodeur ou demandez au service informatique d&apos;installer libzbar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The zbar library is not installed: zxing-cpp reads alone.</source>
        <translation>La bibliothèque zbar n&apos;est pas installée&#xa0;: zxing-cpp lit seul.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These settings cannot be saved:</source>
        <translation>Ces réglages ne peuvent pas être enregistrés&#xa0;:</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <location filename="../../terminal/ui/widgets/sync_badge.py" line="+81"/>
        <source>Sync state</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connecting to the server…</source>
        <translation>Connexion au serveur…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receiving the company&apos;s data: %1 of %2 (%3%)</source>
        <translation>Réception des données de l&apos;entreprise : %1 sur %2 (%3 %)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activate again: the server refused this terminal</source>
        <translation>Réactivez : le serveur a refusé ce terminal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync stopped</source>
        <translation>Synchronisation arrêtée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server certificate not trusted: working locally</source>
        <translation>Certificat du serveur non reconnu : travail en local</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server speaks another version: update the terminal</source>
        <translation>Le serveur parle une autre version : mettez le terminal à jour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server busy: retrying</source>
        <translation>Serveur occupé : nouvel essai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not activated</source>
        <translation>Non activé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync problem on this terminal: retrying</source>
        <translation>Problème de synchronisation sur ce terminal : nouvel essai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The credential store is locked: syncing waits</source>
        <translation>Le coffre d&apos;identifiants est verrouillé : la synchronisation attend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server misses earlier operations: call support</source>
        <translation>Il manque au serveur des opérations antérieures : appelez l&apos;assistance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server problem: retrying</source>
        <translation>Problème de serveur : nouvel essai</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not connected to a server yet.</source>
        <translation>Pas encore connecté à un serveur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The counter works on: every operation is kept and sent later.</source>
        <translation>La caisse continue : chaque opération est gardée et envoyée plus tard.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sync: %1</source>
        <translation>Dernière synchronisation : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No sync yet.</source>
        <translation>Pas encore de synchronisation.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last problem: %1</source>
        <translation>Dernier problème : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next try in %1 s.</source>
        <translation>Prochain essai dans %1 s.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Press to see the conflicts.</source>
        <translation>Appuyez pour voir les conflits.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../terminal/ui/manager/sync_page.py" line="+96"/>
        <source>Reading the conflicts…</source>
        <translation>Lecture des conflits…</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Local only: not connected to a server</source>
        <translation>Local uniquement : pas de serveur connecté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent:</source>
        <translation>En attente d&apos;envoi :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync:</source>
        <translation>Dernière synchro :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last problem:</source>
        <translation>Dernier problème :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving the company&apos;s data</source>
        <translation>Réception des données de l&apos;entreprise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show unhandled only</source>
        <translation>Seulement les non traités</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show unhandled conflicts only</source>
        <translation>Afficher seulement les conflits non traités</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync conflicts</source>
        <translation>Conflits de synchronisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as handled…</source>
        <translation>Marquer comme traité…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected conflict as handled</source>
        <translation>Marquer le conflit choisi comme traité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open card</source>
        <translation>Ouvrir la carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the card of the selected conflict</source>
        <translation>Ouvrir la carte du conflit choisi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Details: %1</source>
        <translation>Détails : %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (solved since)</source>
        <translation>%1 (résolu depuis)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, next try in %2 s</source>
        <translation>%1, prochain essai dans %2 s</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The manager views are locked: sign in again to do this.</source>
        <translation>Les vues du responsable sont verrouillées : reconnectez-vous pour faire cela.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Marked as handled.</source>
        <translation>Marqué comme traité.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/void.py" line="+143"/>
        <location line="+1"/>
        <source>Void / return</source>
        <translation>Annulation / retour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Transaction to take back (newest first):</source>
        <translation>&amp;Transaction à reprendre (la plus récente d&apos;abord)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction to take back</source>
        <translation>Transaction à reprendre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The card&apos;s recent purchases and stamps that can still be voided, newest first</source>
        <translation>Les achats et tampons récents de la carte qui peuvent encore être annulés, les plus récents d&apos;abord</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+98"/>
        <source>Nothing on this card can be voided.</source>
        <translation>Rien sur cette carte ne peut être annulé.</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Returned &amp;amount (empty: all that is left):</source>
        <translation>&amp;Montant retourné (vide&#xa0;: tout le reste)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All that is left</source>
        <translation>Tout le reste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned amount</source>
        <translation>Montant retourné</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For a partial return, the amount returned, e.g. 12.50 or 12,50. Leave empty to take back all that is left of the purchase.</source>
        <translation>Pour un retour partiel, le montant retourné, par exemple 12.50 ou 12,50. Laissez vide pour reprendre tout ce qui reste de l&apos;achat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Stamps to take back:</source>
        <translation>&amp;Tampons à reprendre&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps to take back</source>
        <translation>Tampons à reprendre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many of this entry&apos;s stamps to void; Up and Down change it</source>
        <translation>Combien de tampons de cette ligne annuler&#xa0;; Haut et Bas changent le nombre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Note (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. item returned, stamp given by mistake</source>
        <translation>ex. article retourné, tampon donné par erreur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: why this is voided</source>
        <translation>Facultatif&#xa0;: la raison de l&apos;annulation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void (Enter)</source>
        <translation>Annuler l&apos;opération (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void</source>
        <translation>Annuler l&apos;opération</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take back the selected transaction, or the part of it given</source>
        <translation>Reprendre la transaction choisie, ou la partie indiquée</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Up to %1 can be returned</source>
        <translation>Jusqu&apos;à %1 peut être retourné</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 can be voided</source>
        <translation>Annulable&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Up to %1</source>
        <translation>Jusqu&apos;à %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Pick the transaction to take back first.</source>
        <translation>Choisissez d&apos;abord la transaction à reprendre.</translation>
    </message>
</context>
<context>
    <name>cards</name>
    <message>
        <location filename="../../terminal/ui/models/cards.py" line="+41"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card number</source>
        <translation>Numéro de carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps</source>
        <translation>Tampons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolled at</source>
        <translation>Inscrit à</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivated</source>
        <translation>Désactivée</translation>
    </message>
</context>
<context>
    <name>conflicts</name>
    <message>
        <location filename="../../terminal/ui/dialogs/conflicts.py" line="-92"/>
        <source>Overdraft: redeemed offline, the card could not afford it</source>
        <translation>Découvert : échangé hors ligne, la carte n&apos;avait pas assez</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused by the server</source>
        <translation>Refusé par le serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged into the customer&apos;s existing card</source>
        <translation>Fusionnée avec la carte existante du client</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not applied: its number was already used for another operation</source>
        <translation>Non appliqué : son numéro servait déjà à une autre opération</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applied, flagged for a manager</source>
        <translation>Appliqué, signalé à un responsable</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New card</source>
        <translation>Nouvelle carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome bonus: %1</source>
        <translation>Bonus de bienvenue : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps given: %1</source>
        <translation>Tampons donnés : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamp reward: %1</source>
        <translation>Récompense tampons : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps voided: %1</source>
        <translation>Tampons annulés : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned: %1</source>
        <translation>Points gagnés : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward redeemed: %1</source>
        <translation>Récompense échangée : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points voided: %1</source>
        <translation>Points annulés : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points adjusted: %1</source>
        <translation>Points ajustés : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card deactivated</source>
        <translation>Carte désactivée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card reactivated</source>
        <translation>Carte réactivée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expired: %1</source>
        <translation>Points expirés : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer details changed</source>
        <translation>Coordonnées du client modifiées</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>card no longer here</source>
        <translation>carte plus présente ici</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Server: %1</source>
        <translation>Serveur : %1</translation>
    </message>
</context>
<context>
    <name>conflicts_model</name>
    <message>
        <location filename="../../terminal/ui/manager/conflicts_model.py" line="+36"/>
        <source>The server applied this redemption although the card could no longer afford it (another store spent the points first). The reward was already handed over: no action is needed unless it happens often; you can adjust the points.</source>
        <translation>Le serveur a appliqué cette utilisation bien que la carte n&apos;avait plus assez de points (un autre magasin les a dépensés avant). La récompense a déjà été remise : rien à faire sauf si cela arrive souvent ; vous pouvez ajuster les points.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The entry was not applied: the balance shown is the server&apos;s. If the customer should have it, add it again or adjust the points.</source>
        <translation>L&apos;opération n&apos;a pas été appliquée : le solde affiché est celui du serveur. Si le client y a droit, refaites-la ou ajustez les points.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server said: %1</source>
        <translation>Le serveur a répondu : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This customer already had a card: the new card was merged into it. Both cards work; the balance is on the older card.</source>
        <translation>Ce client avait déjà une carte : la nouvelle carte y a été fusionnée. Les deux cartes fonctionnent ; le solde est sur la plus ancienne.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same entry id or number was used twice: call support; nothing is lost.</source>
        <translation>Le même identifiant ou numéro d&apos;opération a servi deux fois : appelez le support ; rien n&apos;est perdu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Applied, and flagged for a manager to check (e.g. an offline redemption over the daily limit).</source>
        <translation>Appliqué, et signalé pour vérification par un responsable (p. ex. une utilisation hors ligne au-delà de la limite du jour).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not handled yet</source>
        <translation>Pas encore traité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a manager</source>
        <translation>un responsable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>card no longer here</source>
        <translation>carte absente de ce terminal</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handled</source>
        <translation>Traité</translation>
    </message>
</context>
<context>
    <name>csv_export</name>
    <message>
        <location filename="../../terminal/ui/manager/csv_export.py" line="+36"/>
        <location line="+20"/>
        <source>Card number</source>
        <translation>Numéro de carte</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Stamps</source>
        <translation>Tampons</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Active (1 = yes)</source>
        <translation>Active (1 = oui)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolled at</source>
        <translation>Inscrit à</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expire on</source>
        <translation>Points expirent le</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>Employé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Purchase amount</source>
        <translation>Montant de l&apos;achat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward</source>
        <translation>Récompense</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync state</source>
        <translation>État de synchro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server&apos;s reason</source>
        <translation>Motif du serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export to a CSV file</source>
        <translation>Exporter dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting</source>
        <translation>Export en cours</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Stopping the export…</source>
        <translation>Arrêt de l&apos;export…</translation>
    </message>
</context>
<context>
    <name>export_panel</name>
    <message numerus="yes">
        <location filename="../../terminal/ui/manager/export_panel.py" line="-179"/>
        <source>Exported %n card(s) to %1</source>
        <translation>
            <numerusform>%n carte exportée dans %1</numerusform>
            <numerusform>%n cartes exportées dans %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Exported %n transaction(s) to %1</source>
        <translation>
            <numerusform>%n transaction exportée dans %1</numerusform>
            <numerusform>%n transactions exportées dans %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <location filename="../../terminal/ui/models/history.py" line="+24"/>
        <source>Card created</source>
        <translation>Carte créée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivated</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reactivated</source>
        <translation>Réactivée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome bonus</source>
        <translation>Bonus de bienvenue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamp</source>
        <translation>Tampon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamp reward</source>
        <translation>Récompense tampons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamp voided</source>
        <translation>Tampon annulé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned</source>
        <translation>Points gagnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward</source>
        <translation>Récompense</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjustment</source>
        <translation>Ajustement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expired</source>
        <translation>Points expirés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details changed</source>
        <translation>Coordonnées modifiées</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not sent yet</source>
        <translation>Pas encore envoyé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asking the server</source>
        <translation>Demande au serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed</source>
        <translation>Confirmé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the server</source>
        <translation>Refusé par le serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdraft</source>
        <translation>Découvert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>Employé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps</source>
        <translation>Tampons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward / note</source>
        <translation>Récompense / note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../terminal/ui/startup_problem.py" line="+19"/>
        <source>The loyalty terminal cannot start</source>
        <translation>Le terminal de fidélité ne peut pas démarrer</translation>
    </message>
</context>
<context>
    <name>sync_badge</name>
    <message numerus="yes">
        <location filename="../../terminal/ui/widgets/sync_badge.py" line="-125"/>
        <source>%n to send</source>
        <translation>
            <numerusform>%n à envoyer</numerusform>
            <numerusform>%n à envoyer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflit</numerusform>
            <numerusform>%n conflits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Receiving the company&apos;s data: %n row(s) so far</source>
        <translation>
            <numerusform>Réception des données de l&apos;entreprise : %n ligne pour l&apos;instant</numerusform>
            <numerusform>Réception des données de l&apos;entreprise : %n lignes pour l&apos;instant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>clock %n min off</source>
        <translation>
            <numerusform>horloge décalée de %n min</numerusform>
            <numerusform>horloge décalée de %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>This terminal&apos;s clock is %n minute(s) off the server&apos;s.</source>
        <translation>
            <numerusform>L&apos;horloge de ce terminal est décalée de %n minute par rapport au serveur.</numerusform>
            <numerusform>L&apos;horloge de ce terminal est décalée de %n minutes par rapport au serveur.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message numerus="yes">
        <location filename="../../terminal/ui/texts.py" line="+39"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n stamp(s)</source>
        <translation>
            <numerusform>%n tampon</numerusform>
            <numerusform>%n tampons</numerusform>
        </translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message numerus="yes">
        <location line="-132"/>
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Dernier jour</numerusform>
            <numerusform>Les %n derniers jours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+143"/>
        <source>No loyalty card found for this email. Check it, or enroll the customer.</source>
        <translation>Aucune carte de fidélité pour cet e-mail. Vérifiez-le, ou inscrivez le client.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No loyalty card found for this phone. Check it, or enroll the customer.</source>
        <translation>Aucune carte de fidélité pour ce téléphone. Vérifiez-le, ou inscrivez le client.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No loyalty card found for this card number. Check it, or enroll the customer.</source>
        <translation>Aucune carte de fidélité avec ce numéro. Vérifiez-le, ou inscrivez le client.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No loyalty card found for this QR code. Check it, or enroll the customer.</source>
        <translation>Aucune carte de fidélité pour ce code QR. Vérifiez-le, ou inscrivez le client.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No loyalty card found. Check it, or enroll the customer.</source>
        <translation>Aucune carte de fidélité trouvée. Vérifiez la saisie, ou inscrivez le client.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This customer already has card %1 (same phone). Use that card instead.</source>
        <translation>Ce client a déjà la carte %1 (même téléphone). Utilisez plutôt cette carte.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This customer already has card %1 (same email). Use that card instead.</source>
        <translation>Ce client a déjà la carte %1 (même e-mail). Utilisez plutôt cette carte.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The last name has characters that cannot be printed.</source>
        <translation>Le nom contient des caractères qui ne peuvent pas être imprimés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first name has characters that cannot be printed.</source>
        <translation>Le prénom contient des caractères qui ne peuvent pas être imprimés.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The last name is too long (%1 at most).</source>
        <translation>Le nom est trop long (%1 au maximum).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first name is too long (%1 at most).</source>
        <translation>Le prénom est trop long (%1 au maximum).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The reward &apos;%1&apos; is not offered any more. Pick another reward.</source>
        <translation>La récompense «&#xa0;%1&#xa0;» n&apos;est plus proposée. Choisissez-en une autre.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This reward is not offered any more. Pick another reward.</source>
        <translation>Cette récompense n&apos;est plus proposée. Choisissez-en une autre.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This PIN is locked after too many wrong attempts, until %1. Another staff member can help.</source>
        <translation>Ce code PIN est bloqué jusqu&apos;à %1 après trop d&apos;essais erronés. Un autre membre du personnel peut vous aider.</translation>
    </message>
    <message numerus="yes">
        <location line="-205"/>
        <source>A stamp was given less than %n minute(s) ago. Next stamp possible at %1.</source>
        <translation>
            <numerusform>Un tampon a été donné il y a moins de %n minute. Prochain tampon possible à %1.</numerusform>
            <numerusform>Un tampon a été donné il y a moins de %n minutes. Prochain tampon possible à %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This cannot be done now. Try again, or ask a manager.</source>
        <translation>Impossible pour le moment. Réessayez, ou demandez à un responsable.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This input is not valid. Check what was typed and try again.</source>
        <translation>Cette saisie n&apos;est pas valide. Vérifiez-la et réessayez.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The order reference must be printable and at most %1 characters long.</source>
        <translation>La référence de commande doit être imprimable et faire au plus %1 caractères.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The reason must be printable and at most %1 characters long.</source>
        <translation>Le motif doit être imprimable et faire au plus %1 caractères.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Scan the card, or type its number, an email or a phone number.</source>
        <translation>Scannez la carte, ou saisissez son numéro, un e-mail ou un numéro de téléphone.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That is too long for a card number, email or phone number.</source>
        <translation>C&apos;est trop long pour un numéro de carte, un e-mail ou un numéro de téléphone.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type an email address.</source>
        <translation>Saisissez une adresse e-mail.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a phone number.</source>
        <translation>Saisissez un numéro de téléphone.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The search text is too long.</source>
        <translation>Le texte recherché est trop long.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This amount is not valid. Type the purchase amount, e.g. 12.50.</source>
        <translation>Ce montant n&apos;est pas valide. Saisissez le montant de l&apos;achat, par exemple 12,50.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the purchase amount, e.g. %1.</source>
        <translation>Saisissez le montant de l&apos;achat, par exemple %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount cannot be negative. Type the purchase amount.</source>
        <translation>Le montant ne peut pas être négatif. Saisissez le montant de l&apos;achat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A space inside an amount is ambiguous (12 50: 12.50 or 1250?). Type the amount without spaces, e.g. 12.50.</source>
        <translation>Une espace dans un montant est ambiguë (12 50&#xa0;: 12,50 ou 1250&#xa0;?). Saisissez le montant sans espace, par exemple 12,50.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the amount without spaces, e.g. 1250.00 (no thousands separator).</source>
        <translation>Saisissez le montant sans espace, par exemple 1250,00 (sans séparateur de milliers).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the amount as a number, e.g. 12.50 or 12,50.</source>
        <translation>Saisissez le montant en chiffres, par exemple 12.50 ou 12,50.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An amount has at most two decimals, e.g. 12.50.</source>
        <translation>Un montant a au plus deux décimales, par exemple 12,50.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The amount is above the maximum of %1. Check the amount.</source>
        <translation>Le montant dépasse le maximum de %1. Vérifiez le montant.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The amount must be more than zero.</source>
        <translation>Le montant doit être supérieur à zéro.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This card number is not valid. Check the number on the card.</source>
        <translation>Ce numéro de carte n&apos;est pas valide. Vérifiez le numéro sur la carte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A card number has only digits, e.g. 1234-5678-9012. Check what was typed.</source>
        <translation>Un numéro de carte ne contient que des chiffres, par exemple 1234-5678-9012. Vérifiez la saisie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A card number has %1 digits, not %2. Check what was typed.</source>
        <translation>Un numéro de carte a %1 chiffres, pas %2. Vérifiez la saisie.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This card number is not valid: one digit is probably mistyped. Check the number on the card and type it again.</source>
        <translation>Ce numéro de carte n&apos;est pas valide&#xa0;: un chiffre est sans doute mal saisi. Vérifiez le numéro sur la carte et saisissez-le à nouveau.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This code is not a loyalty card of ours. Ask for the loyalty card, or type the card number.</source>
        <translation>Ce code n&apos;est pas une de nos cartes de fidélité. Demandez la carte de fidélité, ou saisissez son numéro.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The customer&apos;s details do not look right. Check the email and the phone.</source>
        <translation>Les coordonnées du client semblent incorrectes. Vérifiez l&apos;e-mail et le téléphone.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the customer&apos;s name.</source>
        <translation>Saisissez le nom du client.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An email address is needed to enroll (company setting).</source>
        <translation>Une adresse e-mail est nécessaire pour l&apos;inscription (réglage de l&apos;entreprise).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type an email address or a phone number, so the card can be found again.</source>
        <translation>Saisissez une adresse e-mail ou un numéro de téléphone, pour retrouver la carte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A country is its two-letter ISO 3166 code, e.g. FR, DE or GB.</source>
        <translation>Un pays s&apos;indique par son code ISO 3166 à deux lettres, par exemple FR, DE ou GB.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This email address does not look right. Check it.</source>
        <translation>Cette adresse e-mail semble incorrecte. Vérifiez-la.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A phone number has digits only (spaces, dots, dashes, brackets and + allowed).</source>
        <translation>Un numéro de téléphone ne contient que des chiffres (espaces, points, tirets, parenthèses et + acceptés).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A phone number has %1 to %2 digits.</source>
        <translation>Un numéro de téléphone a de %1 à %2 chiffres.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This phone number is not valid: check its country code and its digits.</source>
        <translation>Ce numéro de téléphone n&apos;est pas valide&#xa0;: vérifiez l&apos;indicatif du pays et les chiffres.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a valid phone number in %1. Check it, or type it with its country code (+…).</source>
        <translation>Ce n&apos;est pas un numéro de téléphone valide en %1. Vérifiez-le, ou saisissez-le avec l&apos;indicatif du pays (+…).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Another customer already has this email address or phone number.</source>
        <translation>Un autre client a déjà cette adresse e-mail ou ce numéro de téléphone.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another customer (card %1) already has this email address.</source>
        <translation>Un autre client (carte %1) a déjà cette adresse e-mail.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Another customer (card %1) already has this phone number.</source>
        <translation>Un autre client (carte %1) a déjà ce numéro de téléphone.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These are already the customer&apos;s details: nothing to change.</source>
        <translation>Ce sont déjà les coordonnées du client&#xa0;: rien à modifier.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This terminal has no new card numbers left. Connect it to the network so it can get more, or enroll the customer at another terminal.</source>
        <translation>Ce terminal n&apos;a plus de nouveaux numéros de carte. Connectez-le au réseau pour en obtenir d&apos;autres, ou inscrivez le client sur un autre terminal.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This customer cannot be enrolled here. Ask a manager.</source>
        <translation>Ce client ne peut pas être inscrit ici. Demandez à un responsable.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Card %1 is deactivated: it cannot earn or redeem. A manager can reactivate it.</source>
        <translation>La carte %1 est désactivée&#xa0;: elle ne peut ni cumuler ni utiliser d&apos;avantages. Un responsable peut la réactiver.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The card already has this status.</source>
        <translation>La carte a déjà cet état.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Card %1 is already active.</source>
        <translation>La carte %1 est déjà active.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Card %1 is already deactivated.</source>
        <translation>La carte %1 est déjà désactivée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loyalty program is paused. No card can earn or redeem now.</source>
        <translation>Le programme de fidélité est suspendu. Aucune carte ne peut cumuler ni utiliser d&apos;avantages pour l&apos;instant.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This loyalty program does not offer this.</source>
        <translation>Ce programme de fidélité ne le propose pas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This loyalty program has no points.</source>
        <translation>Ce programme de fidélité n&apos;a pas de points.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This loyalty program has no stamps.</source>
        <translation>Ce programme de fidélité n&apos;a pas de tampons.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This loyalty program has no stamp reward.</source>
        <translation>Ce programme de fidélité n&apos;a pas de récompense tampons.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This terminal is not activated yet. Run the setup with the activation code from the back office.</source>
        <translation>Ce terminal n&apos;est pas encore activé. Lancez l&apos;installation avec le code d&apos;activation du back-office.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This terminal has not received its store&apos;s loyalty program yet. Connect it to the network once.</source>
        <translation>Ce terminal n&apos;a pas encore reçu le programme de fidélité de son magasin. Connectez-le une fois au réseau.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type the number of stamps as a whole number, e.g. 1.</source>
        <translation>Saisissez le nombre de tampons en nombre entier, par exemple 1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give at least one stamp.</source>
        <translation>Donnez au moins un tampon.</translation>
    </message>
    <message numerus="yes">
        <location line="-452"/>
        <source>At most %n stamp(s) can be given in a day.</source>
        <translation>
            <numerusform>Au plus %n tampon peut être donné par jour.</numerusform>
            <numerusform>Au plus %n tampons peuvent être donnés par jour.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+460"/>
        <source>Daily stamp limit reached (%1). Next stamp possible tomorrow.</source>
        <translation>Limite quotidienne de tampons atteinte (%1). Prochain tampon possible demain.</translation>
    </message>
    <message numerus="yes">
        <location line="-457"/>
        <source>Daily stamp limit is %1: only %n more stamp(s) possible today.</source>
        <translation>
            <numerusform>La limite quotidienne est de %1 tampons&#xa0;: encore %n tampon possible aujourd&apos;hui.</numerusform>
            <numerusform>La limite quotidienne est de %1 tampons&#xa0;: encore %n tampons possibles aujourd&apos;hui.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+233"/>
        <source>Type the points to add (e.g. 50) or take away (e.g. -50), at most %1.</source>
        <translation>Saisissez les points à ajouter (par exemple 50) ou à retirer (par exemple -50), au plus %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Say why the points change (%1 to %2 characters): it is kept.</source>
        <translation>Indiquez pourquoi les points changent (%1 à %2 caractères)&#xa0;: le motif est conservé.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The card has %1 points: an adjustment cannot take it below zero.</source>
        <translation>La carte a %1 points&#xa0;: un ajustement ne peut pas la faire passer sous zéro.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The note must be printable and at most %1 characters long.</source>
        <translation>La note doit être imprimable et faire au plus %1 caractères.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This conflict is no longer in the list. Refresh the list.</source>
        <translation>Ce conflit n&apos;est plus dans la liste. Actualisez la liste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a name, card number, email or phone number.</source>
        <translation>Saisissez un nom, un numéro de carte, un e-mail ou un numéro de téléphone.</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>The stamp reward needs %1 stamps; this card has %2 (%3 more to go).</source>
        <translation>La récompense tampons demande %1 tampons&#xa0;; cette carte en a %2 (encore %3).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not enough points: this reward costs %1 and the card has %2 (%3 missing).</source>
        <translation>Pas assez de points&#xa0;: cette récompense coûte %1 et la carte en a %2 (il en manque %3).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Points can be redeemed from %1 points on; this card has %2.</source>
        <translation>Les points sont utilisables à partir de %1 points&#xa0;; cette carte en a %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The central server refused this redemption. Nothing was recorded.</source>
        <translation>Le serveur central a refusé cet échange. Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central server refused: the card now has %1 points (spent in another store?). Nothing was recorded.</source>
        <translation>Le serveur central a refusé : la carte a maintenant %1 points (dépensés dans un autre magasin ?). Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The central server refused: this card was deactivated at another till. Nothing was recorded.</source>
        <translation>Le serveur central a refusé : cette carte a été désactivée à une autre caisse. Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The central server refused: this reward is no longer in the catalogue. Nothing was recorded.</source>
        <translation>Le serveur central a refusé : cette récompense n&apos;est plus au catalogue. Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The terminal is offline: a card may redeem at most %1 points a day here while offline (%2 left today). Try again when back online.</source>
        <translation>Le terminal est hors ligne&#xa0;: une carte peut utiliser au plus %1 points par jour ici tant qu&apos;il est hors ligne (encore %2 aujourd&apos;hui). Réessayez une fois la connexion rétablie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This card can only redeem at the store where it was enrolled (company setting).</source>
        <translation>Cette carte ne peut être utilisée que dans le magasin où elle a été créée (réglage de l&apos;entreprise).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Voids and returns are switched off for this company.</source>
        <translation>Les annulations et retours sont désactivés pour cette entreprise.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This entry cannot be voided. Pick it again from the list.</source>
        <translation>Cette ligne ne peut pas être annulée. Choisissez-la à nouveau dans la liste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A reward handed over cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Une récompense remise ne peut pas être annulée. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A welcome bonus cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Un bonus de bienvenue ne peut pas être annulé. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This entry is itself a void and cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Cette ligne est elle-même une annulation et ne peut pas être annulée. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The creation of the card cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>La création de la carte ne peut pas être annulée. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A card status change cannot be voided: deactivate or reactivate the card instead. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Un changement d&apos;état de la carte ne peut pas être annulé&#xa0;: désactivez ou réactivez plutôt la carte. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A points adjustment is made by the head office and cannot be voided here. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Un ajustement de points est fait par le siège et ne peut pas être annulé ici. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A change of the customer&apos;s details cannot be voided: change the details again instead. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Une modification des coordonnées du client ne peut pas être annulée&#xa0;: modifiez plutôt à nouveau les coordonnées. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Expired points cannot be given back by a void. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Des points expirés ne peuvent pas être rendus par une annulation. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This entry cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Cette ligne ne peut pas être annulée. Seuls les tampons donnés et les points gagnés sur un achat peuvent être annulés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only a points purchase can be returned. Pick the original purchase.</source>
        <translation>Seul un achat avec points peut être retourné. Choisissez l&apos;achat d&apos;origine.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a stamp can be voided here. Pick the stamp given by mistake.</source>
        <translation>Seul un tampon peut être annulé ici. Choisissez le tampon donné par erreur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This transaction is not on this card. Pick it from the list.</source>
        <translation>Cette transaction n&apos;est pas sur cette carte. Choisissez-la dans la liste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This purchase was already fully returned.</source>
        <translation>Cet achat a déjà été entièrement retourné.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The returned amount must be more than zero.</source>
        <translation>Le montant retourné doit être supérieur à zéro.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only %1 of this purchase can still be returned.</source>
        <translation>Seuls %1 de cet achat peuvent encore être retournés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These stamps were already voided.</source>
        <translation>Ces tampons ont déjà été annulés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the number of stamps to void as a whole number, e.g. 1.</source>
        <translation>Saisissez le nombre de tampons à annuler en nombre entier, par exemple 1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Void at least one stamp.</source>
        <translation>Annulez au moins un tampon.</translation>
    </message>
    <message numerus="yes">
        <location line="-605"/>
        <source>Only %n stamp(s) of it can be voided.</source>
        <translation>
            <numerusform>Seul %n tampon peut en être annulé.</numerusform>
            <numerusform>Seuls %n tampons peuvent en être annulés.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+613"/>
        <source>The note must be printable and at most %1 characters.</source>
        <translation>La note doit être imprimable et faire au plus %1 caractères.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This staff member is unknown or no longer active. Pick your name.</source>
        <translation>Ce membre du personnel est inconnu ou n&apos;est plus actif. Choisissez votre nom.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A staff PIN is needed for this. Pick your name and type your PIN.</source>
        <translation>Un code PIN du personnel est nécessaire. Choisissez votre nom et saisissez votre code PIN.</translation>
    </message>
    <message numerus="yes">
        <location line="-646"/>
        <source>Wrong PIN. %n attempt(s) left before this PIN is locked.</source>
        <translation>
            <numerusform>Code PIN erroné. Encore %n essai avant le blocage de ce code PIN.</numerusform>
            <numerusform>Code PIN erroné. Encore %n essais avant le blocage de ce code PIN.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+616"/>
        <source>Activity is shown for today, the last 7 or the last 30 days.</source>
        <translation>L&apos;activité s&apos;affiche pour aujourd&apos;hui, les 7 ou les 30 derniers jours.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The company&apos;s figures cannot be read from the central server now.</source>
        <translation>Les chiffres de l&apos;entreprise ne peuvent pas être lus sur le serveur central pour le moment.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose comma, semicolon or tab as the separator.</source>
        <translation>Choisissez la virgule, le point-virgule ou la tabulation comme séparateur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The period ends before it starts. Pick the first day, then the last one.</source>
        <translation>La période se termine avant de commencer. Choisissez le premier jour, puis le dernier.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An export covers at most %1 days. Export a shorter period.</source>
        <translation>Un export couvre au plus %1 jours. Exportez une période plus courte.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The export was cancelled: no file was written.</source>
        <translation>L&apos;export a été annulé&#xa0;: aucun fichier n&apos;a été écrit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file could not be written. Choose another folder, or close the file in the program that has it open.</source>
        <translation>Le fichier n&apos;a pas pu être écrit. Choisissez un autre dossier, ou fermez le fichier dans le programme qui l&apos;a ouvert.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Wrong PIN. This PIN is now locked. Ask a manager.</source>
        <translation>Code PIN erroné. Ce code PIN est maintenant bloqué. Demandez à un responsable.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a manager can do this. Ask a manager to enter their PIN.</source>
        <translation>Seul un responsable peut le faire. Demandez à un responsable de saisir son code PIN.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This PIN cannot be used. Choose another one.</source>
        <translation>Ce code PIN ne peut pas être utilisé. Choisissez-en un autre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A PIN has only digits.</source>
        <translation>Un code PIN ne contient que des chiffres.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PIN has %1 to %2 digits.</source>
        <translation>Un code PIN a de %1 à %2 chiffres.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This PIN is too easy to guess. Choose another one.</source>
        <translation>Ce code PIN est trop facile à deviner. Choisissez-en un autre.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The terminal&apos;s database cannot be used right now. Restart the terminal; if it happens again, call IT support.</source>
        <translation>La base de données du terminal est inutilisable pour le moment. Redémarrez le terminal&#xa0;; si cela se reproduit, appelez le support informatique.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal&apos;s database is locked by another program. Close other copies of the terminal; if it persists, restart the computer.</source>
        <translation>La base de données du terminal est verrouillée par un autre programme. Fermez les autres copies du terminal&#xa0;; si cela persiste, redémarrez l&apos;ordinateur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal&apos;s database is damaged or is not a loyalty database. Pending transactions may be inside: keep the file and call IT support.</source>
        <translation>La base de données du terminal est endommagée ou n&apos;est pas une base de fidélité. Elle peut contenir des transactions en attente&#xa0;: gardez le fichier et appelez le support informatique.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal&apos;s database was written by a newer version of the terminal. Install that version again; do not delete the file.</source>
        <translation>La base de données du terminal a été écrite par une version plus récente du terminal. Réinstallez cette version&#xa0;; ne supprimez pas le fichier.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal could not upgrade its database to this version. Nothing was changed and a copy was kept. Call IT support: the details name both files.</source>
        <translation>Le terminal n&apos;a pas pu mettre sa base de données à jour pour cette version. Rien n&apos;a été modifié et une copie a été conservée. Appelez le support informatique&#xa0;: les détails indiquent les deux fichiers.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal must upgrade its database, but could not first save a copy of it, so nothing was changed. Free some disk space, then start the terminal again.</source>
        <translation>Le terminal doit mettre sa base de données à jour, mais n&apos;a pas pu en enregistrer d&apos;abord une copie&#xa0;: rien n&apos;a donc été modifié. Libérez de l&apos;espace disque, puis redémarrez le terminal.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The settings were not saved, nothing changed: %1 Check that the settings folder can be written, or ask IT.</source>
        <translation>Les réglages n&apos;ont pas été enregistrés, rien n&apos;a changé : %1 Vérifiez que le dossier des réglages est accessible en écriture, ou demandez au service informatique.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This cannot be done (%1). Try again, or ask a manager.</source>
        <translation>Impossible (%1). Réessayez, ou demandez à un responsable.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Something went wrong. Try again; if it happens again, ask a manager.</source>
        <translation>Un problème est survenu. Réessayez&#xa0;; si cela se reproduit, demandez à un responsable.</translation>
    </message>
    <message numerus="yes">
        <location line="-736"/>
        <source>%n stamp(s) added: %1 of %2.</source>
        <translation>
            <numerusform>%n tampon ajouté&#xa0;: %1 sur %2.</numerusform>
            <numerusform>%n tampons ajoutés&#xa0;: %1 sur %2.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+768"/>
        <source>Reward available: %1!</source>
        <translation>Récompense disponible&#xa0;: %1&#xa0;!</translation>
    </message>
    <message numerus="yes">
        <location line="-765"/>
        <source>Reward redeemed: %1. %n stamp(s) left.</source>
        <translation>
            <numerusform>Récompense remise&#xa0;: %1. Il reste %n tampon.</numerusform>
            <numerusform>Récompense remise&#xa0;: %1. Il reste %n tampons.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+777"/>
        <source>%1 for a purchase of %2. Balance: %3.</source>
        <translation>%1 pour un achat de %2. Solde&#xa0;: %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reward redeemed: %1. Balance: %2.</source>
        <translation>Récompense remise&#xa0;: %1. Solde&#xa0;: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Return of %1: %2 taken back.</source>
        <translation>Retour de %1&#xa0;: %2 repris.</translation>
    </message>
    <message numerus="yes">
        <location line="-790"/>
        <source>%n point(s) already spent, not taken back.</source>
        <translation>
            <numerusform>%n point déjà utilisé, non repris.</numerusform>
            <numerusform>%n points déjà utilisés, non repris.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+797"/>
        <source>Balance: %1.</source>
        <translation>Solde&#xa0;: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="-794"/>
        <source>%n stamp(s) voided.</source>
        <translation>
            <numerusform>%n tampon annulé.</numerusform>
            <numerusform>%n tampons annulés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n stamp(s) already spent, not taken back.</source>
        <translation>
            <numerusform>%n tampon déjà utilisé, non repris.</numerusform>
            <numerusform>%n tampons déjà utilisés, non repris.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+801"/>
        <source>Stamps: %1 of %2.</source>
        <translation>Tampons&#xa0;: %1 sur %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Card %1 created.</source>
        <translation>Carte %1 créée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Welcome bonus: %1.</source>
        <translation>Bonus de bienvenue&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Welcome bonus: %1. Balance: %2.</source>
        <translation>Bonus de bienvenue&#xa0;: %1. Solde&#xa0;: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 expired. Balance: %2.</source>
        <translation>Points expirés&#xa0;: %1. Solde&#xa0;: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points adjusted by %1. Balance: %2.</source>
        <translation>Points ajustés de %1. Solde&#xa0;: %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Card %1 deactivated.</source>
        <translation>Carte %1 désactivée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Card %1 reactivated.</source>
        <translation>Carte %1 réactivée.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer details changed for card %1.</source>
        <translation>Coordonnées du client modifiées pour la carte %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: purchase of %2 (%3), %4 still returnable</source>
        <translation>%1&#xa0;: achat de %2 (%3), %4 encore retournable</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: purchase of %2 (%3)</source>
        <translation>%1&#xa0;: achat de %2 (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 given</source>
        <translation>%1&#xa0;: don de %2</translation>
    </message>
</context>
</TS>
