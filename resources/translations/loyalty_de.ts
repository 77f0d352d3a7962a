<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ActivityPage</name>
    <message>
        <location filename="../../terminal/ui/manager/activity_page.py" line="+86"/>
        <source>Reading the figures…</source>
        <translation>Zahlen werden gelesen…</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Stamps given</source>
        <translation>Vergebene Stempel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned</source>
        <translation>Gesammelte Punkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points redeemed</source>
        <translation>Eingelöste Punkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewards</source>
        <translation>Prämien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New cards</source>
        <translation>Neue Karten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stamps, rewards and new cards per day</source>
        <translation>Stempel, Prämien und neue Karten pro Tag</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Points per day</source>
        <translation>Punkte pro Tag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whole company</source>
        <translation>Ganzes Unternehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Company figures need the server: this terminal works without one.</source>
        <translation>Die Unternehmenszahlen kommen vom Server: Dieses Terminal arbeitet ohne Server.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Company figures need the server: offline. Try again later.</source>
        <translation>Die Unternehmenszahlen kommen vom Server: offline. Später erneut versuchen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Company figures need the server: this terminal must be activated again.</source>
        <translation>Die Unternehmenszahlen kommen vom Server: Dieses Terminal muss neu aktiviert werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Company figures need the server: it did not send them. Try again later.</source>
        <translation>Die Unternehmenszahlen kommen vom Server: Er hat sie nicht gesendet. Später erneut versuchen.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This store (%1)</source>
        <translation>Dieser Laden (%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Company figures as counted by the server at %1</source>
        <translation>Unternehmenszahlen, vom Server gezählt am %1</translation>
    </message>
</context>
<context>
    <name>AdjustPointsDialog</name>
    <message>
        <location filename="../../terminal/ui/manager/dialogs.py" line="+61"/>
        <source>Adjust points</source>
        <translation>Punkte korrigieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The card has %1 points. Type what to add (50) or take away (-50).</source>
        <translation>Die Karte hat %1 Punkte. Geben Sie ein, was hinzukommen (50) oder abgezogen werden soll (-50).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Points:</source>
        <translation>&amp;Punkte:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason (kept with the entry):</source>
        <translation>&amp;Grund (wird mit dem Eintrag gespeichert):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points to add or take away</source>
        <translation>Hinzuzufügende oder abzuziehende Punkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for the adjustment</source>
        <translation>Grund der Korrektur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjust</source>
        <translation>Korrigieren</translation>
    </message>
</context>
<context>
    <name>AmountDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/amount.py" line="+62"/>
        <location line="+13"/>
        <source>Earn points</source>
        <translation>Punkte gutschreiben</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Points for %1</source>
        <translation>Punkte für %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase &amp;amount:</source>
        <translation>Einkaufs&amp;betrag:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 12.50</source>
        <translation>z. B. 12,50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase amount</source>
        <translation>Einkaufsbetrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount on the receipt, with a dot or a comma, e.g. 12.50 or 12,50</source>
        <translation>Der Betrag auf dem Kassenbon, mit Punkt oder Komma, z. B. 12.50 oder 12,50</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Receipt number (optional):</source>
        <translation>&amp;Bonnummer (optional):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt number</source>
        <translation>Bonnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: the order or receipt number</source>
        <translation>Optional: die Bestell- oder Bonnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earn points (Enter)</source>
        <translation>Punkte gutschreiben (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the points for this purchase</source>
        <translation>Die Punkte für diesen Einkauf gutschreiben</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <location filename="../../terminal/ui/manager/card_page.py" line="+152"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DEACTIVATED</source>
        <translation>DEAKTIVIERT</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Points: %1 (confirmed %2, pending %3)</source>
        <translation>Punkte: %1 (bestätigt %2, ausstehend %3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stamps: %1 of %2 (confirmed %3, pending %4)</source>
        <translation>Stempel: %1 von %2 (bestätigt %3, ausstehend %4)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Points expire on %1</source>
        <translation>Punkte verfallen am %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrolled at %1</source>
        <translation>Angemeldet in %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+138"/>
        <source>Deactivate the card…</source>
        <translation>Karte deaktivieren…</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Reactivate the card…</source>
        <translation>Karte reaktivieren…</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>← Cards (Esc)</source>
        <translation>← Karten (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the cards</source>
        <translation>Zurück zu den Karten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;hone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the customer&apos;s details</source>
        <translation>Kundendaten speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjust points…</source>
        <translation>Punkte korrigieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History (newest first)</source>
        <translation>Verlauf (neueste zuerst)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction history</source>
        <translation>Buchungsverlauf</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../terminal/ui/widgets/card_panel.py" line="+130"/>
        <source>Loyalty card</source>
        <translation>Kundenkarte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card %1</source>
        <translation>Karte %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DEACTIVATED: this card cannot earn or redeem. A manager can reactivate it.</source>
        <translation>DEAKTIVIERT: Mit dieser Karte kann weder gesammelt noch eingelöst werden. Die Filialleitung kann sie wieder aktivieren.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 of %2 stamps</source>
        <translation>Stempel: %1 von %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reward available: %1</source>
        <translation>Prämie verfügbar: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points balance</source>
        <translation>Punktestand</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points expire on %1</source>
        <translation>Punkte verfallen am %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 point(s) pending sync</source>
        <translation>
            <numerusform>%1 Punkt noch nicht synchronisiert</numerusform>
            <numerusform>%1 Punkte noch nicht synchronisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 stamp(s) pending sync</source>
        <translation>
            <numerusform>%1 Stempel noch nicht synchronisiert</numerusform>
            <numerusform>%1 Stempel noch nicht synchronisiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enrolled at %1</source>
        <translation>Angemeldet in %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 points</source>
        <translation>%1 Punkte</translation>
    </message>
</context>
<context>
    <name>CardScreen</name>
    <message>
        <location filename="../../terminal/ui/screens/card.py" line="+129"/>
        <source>Confirmation</source>
        <translation>Bestätigung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refusal</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add stamp</source>
        <translation>Stempel vergeben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Give the customer one stamp</source>
        <translation>Dem Kunden einen Stempel geben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earn points</source>
        <translation>Punkte gutschreiben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points for a purchase amount</source>
        <translation>Punkte für einen Einkaufsbetrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stamp reward</source>
        <translation>Stempelprämie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand over the stamp card&apos;s reward</source>
        <translation>Die Prämie der Stempelkarte aushändigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points reward</source>
        <translation>Punkteprämie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a reward from the catalogue and pay it with points</source>
        <translation>Eine Prämie aus dem Katalog wählen und mit Punkten bezahlen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Void / return</source>
        <translation>Storno / Rückgabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back a stamp given by mistake or the points of a returned purchase</source>
        <translation>Einen versehentlich vergebenen Stempel oder die Punkte eines zurückgegebenen Einkaufs zurücknehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enroll a customer who has no card</source>
        <translation>Einen Kunden ohne Karte anmelden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Back
Esc</source>
        <translation>Zurück
Esc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the idle screen (Esc)</source>
        <translation>Zurück zum Startbildschirm (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reactivate card</source>
        <translation>Karte reaktivieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager: let this card earn and redeem again</source>
        <translation>Filialleitung: Mit dieser Karte wieder sammeln und einlösen lassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate card</source>
        <translation>Karte deaktivieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager: block a lost or misused card</source>
        <translation>Filialleitung: Eine verlorene oder missbrauchte Karte sperren</translation>
    </message>
</context>
<context>
    <name>CardStatusDialog</name>
    <message>
        <location filename="../../terminal/ui/manager/dialogs.py" line="+30"/>
        <source>Deactivate the card</source>
        <translation>Karte deaktivieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A deactivated card cannot earn or redeem. Reason (optional):</source>
        <translation>Mit einer deaktivierten Karte kann weder gesammelt noch eingelöst werden. Grund (optional):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reactivate the card</source>
        <translation>Karte reaktivieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The card can earn and redeem again. Reason (optional):</source>
        <translation>Mit der Karte kann wieder gesammelt und eingelöst werden. Grund (optional):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reactivate</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <location filename="../../terminal/ui/manager/cards_page.py" line="+187"/>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n Karte</numerusform>
            <numerusform>%n Karten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Search:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, card number, email or phone</source>
        <translation>Name, Kartennummer, E-Mail oder Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the cards</source>
        <translation>Karten durchsuchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All cards</source>
        <translation>Alle Karten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Card status</source>
        <translation>Kartenstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolled at this store</source>
        <translation>In dieser Filiale angemeldet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward available</source>
        <translation>Prämie verfügbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expire within 30 days</source>
        <translation>Punkte verfallen innerhalb von 30 Tagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdrawn</source>
        <translation>Überzogen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Karten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter or double-click opens the card; click a column title to sort</source>
        <translation>Enter oder Doppelklick öffnet die Karte; zum Sortieren auf einen Spaltentitel klicken</translation>
    </message>
</context>
<context>
    <name>ConflictDetails</name>
    <message>
        <location filename="../../terminal/ui/manager/conflict_details.py" line="+54"/>
        <source>No conflicts: the server took everything as it was sent.</source>
        <translation>Keine Konflikte: Der Server hat alles so übernommen, wie es gesendet wurde.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a conflict to see what it means.</source>
        <translation>Wählen Sie einen Konflikt, um zu sehen, was er bedeutet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Card: %1</source>
        <translation>Karte: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer: %1</source>
        <translation>Kunde: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation: %1</source>
        <translation>Vorgang: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done at the counter: %1</source>
        <translation>An der Kasse: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server&apos;s answer: %1</source>
        <translation>Antwort des Servers: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Handled: %1</source>
        <translation>Erledigt: %1</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/conflicts.py" line="+111"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>Sync conflicts</source>
        <translation>Synchronisationskonflikte</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the central server did not take as this terminal sent it. The balances shown are the server&apos;s; nothing here needs a new operation unless the customer disputes it.</source>
        <translation>Was der zentrale Server nicht so übernommen hat, wie dieses Terminal es gesendet hat. Die angezeigten Salden sind die des Servers; nichts hier erfordert einen neuen Vorgang, außer der Kunde widerspricht.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No conflicts: the server took everything as it was sent.</source>
        <translation>Keine Konflikte: Der Server hat alles so übernommen, wie es gesendet wurde.</translation>
    </message>
</context>
<context>
    <name>CounterFlows</name>
    <message>
        <location filename="../../terminal/ui/flows.py" line="+95"/>
        <source>Add a stamp</source>
        <translation>Stempel vergeben</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n point(s) per 1.00 spent</source>
        <translation>
            <numerusform>%n Punkt pro 1,00 ausgegeben</numerusform>
            <numerusform>%n Punkte pro 1,00 ausgegeben</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stamp reward: %1</source>
        <translation>Stempelprämie: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Deactivate card %1</source>
        <translation>Karte %1 deaktivieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reactivate card %1</source>
        <translation>Karte %1 reaktivieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The terminal is still starting. Try again.</source>
        <translation>Das Terminal startet noch. Bitte erneut versuchen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Enroll a new customer</source>
        <translation>Neuen Kunden anmelden</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Points reward: %1</source>
        <translation>Punkteprämie: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Void / return on card %1</source>
        <translation>Storno / Rückgabe auf Karte %1</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Pick who is at the counter first (bottom of the screen).</source>
        <translation>Wählen Sie zuerst, wer an der Kasse steht (unten am Bildschirm).</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../terminal/ui/app_window.py" line="+458"/>
        <location line="+4"/>
        <source>Starting the camera…</source>
        <translation>Kamera wird gestartet …</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Camera ready: %1</source>
        <translation>Kamera bereit: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The picture source has no more pictures.</source>
        <translation>Die Bildquelle liefert keine Bilder mehr.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No camera found. Plug it in; the terminal reconnects by itself.</source>
        <translation>Keine Kamera gefunden. Schließen Sie sie an; das Terminal verbindet sich von selbst.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The camera is in use by another program. Close it; reconnecting by itself.</source>
        <translation>Die Kamera wird von einem anderen Programm verwendet. Schließen Sie es; die Verbindung wird automatisch wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The camera stopped sending pictures (unplugged?). Reconnecting…</source>
        <translation>Die Kamera sendet keine Bilder mehr (ausgesteckt?). Verbindung wird wiederhergestellt …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The camera cannot be used. Check it in the settings.</source>
        <translation>Die Kamera kann nicht verwendet werden. Prüfen Sie sie in den Einstellungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Camera: ready</source>
        <translation>Kamera: bereit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Camera: not ready</source>
        <translation>Kamera: nicht bereit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loyalty terminal</source>
        <translation>Kundenkarten-Terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the &amp;counter:</source>
        <translation>An der &amp;Kasse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff on duty</source>
        <translation>Diensthabende Person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who serves at the counter: operations are recorded under this name</source>
        <translation>Wer an der Kasse bedient: Vorgänge werden unter diesem Namen gespeichert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manager (F10)</source>
        <translation>Filialleitung (F10)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager views</source>
        <translation>Ansichten der Filialleitung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cards, activity and sync, after a manager&apos;s PIN (F10)</source>
        <translation>Karten, Aktivität und Synchronisierung, nach PIN-Eingabe der Filialleitung (F10)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera, language, sound and the return to the idle screen (Ctrl+,)</source>
        <translation>Kamera, Sprache, Ton und Rückkehr zum Startbildschirm (Strg+,)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local only: not connected to a server</source>
        <translation>Nur lokal: nicht mit einem Server verbunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync state</source>
        <translation>Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store and terminal</source>
        <translation>Filiale und Terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
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
        <translation>Demo-Kunden</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Pick a customer: their card is held in front of the demo camera.</source>
        <translation>Wählen Sie einen Kunden: Seine Karte wird vor die Demo-Kamera gehalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo staff PINs:</source>
        <translation>Demo-PINs des Personals:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manager</source>
        <translation>Filialleitung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cashier</source>
        <translation>Kassierer/in</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter or a click holds this customer&apos;s card to the camera</source>
        <translation>Enter oder ein Klick hält die Karte dieses Kunden vor die Kamera</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/enroll.py" line="+183"/>
        <source>Enroll a customer</source>
        <translation>Kunden anmelden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New loyalty card</source>
        <translation>Neue Kundenkarte</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Welcome bonus: %n points</source>
        <translation>
            <numerusform>Willkommensbonus: %n Punkt</numerusform>
            <numerusform>Willkommensbonus: %n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points the new card starts with</source>
        <translation>Die Startpunkte der neuen Karte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email (required):</source>
        <translation>&amp;E-Mail (Pflichtfeld):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll (Enter)</source>
        <translation>Anmelden (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the loyalty card with these details</source>
        <translation>Die Kundenkarte mit diesen Angaben anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What is still needed to enroll</source>
        <translation>Was für die Anmeldung noch fehlt</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The customer&apos;s email address; the company asks for one</source>
        <translation>Die E-Mail-Adresse des Kunden; das Unternehmen verlangt sie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s email address; an email or a phone is needed</source>
        <translation>Die E-Mail-Adresse des Kunden; E-Mail oder Telefon ist nötig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer&apos;s phone number; an email or a phone is needed</source>
        <translation>Die Telefonnummer des Kunden; E-Mail oder Telefon ist nötig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s name, as it appears on the card</source>
        <translation>Der Name des Kunden, wie er auf der Karte steht</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Ready to enroll</source>
        <translation>Bereit zur Anmeldung</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Show card %1</source>
        <translation>Karte %1 anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the existing card</source>
        <translation>Vorhandene Karte anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the card this customer already has, instead of enrolling again</source>
        <translation>Die Karte öffnen, die dieser Kunde schon hat, statt ihn erneut anzumelden</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <location filename="../../terminal/ui/manager/export_panel.py" line="+116"/>
        <source>cards-%1.csv</source>
        <translation>karten-%1.csv</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting the cards…</source>
        <translation>Karten werden exportiert…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>transactions-%1.csv</source>
        <translation>buchungen-%1.csv</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting the transactions…</source>
        <translation>Buchungen werden exportiert…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Export to CSV</source>
        <translation>CSV-Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export cards (CSV)…</source>
        <translation>Karten exportieren (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export cards to a CSV file</source>
        <translation>Karten in eine CSV-Datei exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cards the Cards tab lists, with its search and filters.</source>
        <translation>Die Karten des Reiters Karten, mit seiner Suche und seinen Filtern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions &amp;from</source>
        <translation>Buchungen &amp;vom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;to</source>
        <translation>&amp;bis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First day of the transactions to export</source>
        <translation>Erster Tag der zu exportierenden Buchungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the transactions to export</source>
        <translation>Letzter Tag der zu exportierenden Buchungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export transactions (CSV)…</source>
        <translation>Buchungen exportieren (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export transactions to a CSV file</source>
        <translation>Buchungen in eine CSV-Datei exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export result</source>
        <translation>Ergebnis des Exports</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <location filename="../../terminal/ui/first_run.py" line="+147"/>
        <source>Preparing the demo…</source>
        <translation>Demo wird vorbereitet…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Loyalty terminal: setup</source>
        <translation>Kundenkarten-Terminal: Einrichtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This terminal is not activated yet</source>
        <translation>Dieses Terminal ist noch nicht aktiviert</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Activating…</source>
        <translation>Wird aktiviert…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+74"/>
        <source>Activate</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Type the server&apos;s address and the activation code.</source>
        <translation>Geben Sie die Adresse des Servers und den Aktivierungscode ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a server address. It looks like https://loyalty.example.com</source>
        <translation>Das ist keine Serveradresse. Sie sieht so aus: https://loyalty.example.com</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use an https:// address: plain http would send the terminal&apos;s key unencrypted.</source>
        <translation>Verwenden Sie eine https://-Adresse: Mit einfachem http würde der Schlüssel des Terminals unverschlüsselt gesendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer has no secure credential store to keep the terminal&apos;s key. Install or unlock one (GNOME Keyring or KWallet), or tick the box below to keep it in a file only this user can read.</source>
        <translation>Dieser Computer hat keinen sicheren Anmeldedatenspeicher für den Schlüssel des Terminals. Installieren oder entsperren Sie einen (GNOME Keyring oder KWallet), oder setzen Sie unten das Häkchen, um ihn in einer Datei aufzubewahren, die nur dieser Benutzer lesen kann.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server&apos;s certificate is not trusted by this computer. Ask IT for the company&apos;s certificate authority (server_ca_bundle in the settings).</source>
        <translation>Dieser Computer vertraut dem Zertifikat des Servers nicht. Fragen Sie die IT nach der Zertifizierungsstelle des Unternehmens (server_ca_bundle in den Einstellungen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No answer from the server: check the address and the network.</source>
        <translation>Keine Antwort vom Server: Prüfen Sie Adresse und Netzwerk.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server speaks another version: install the current terminal software.</source>
        <translation>Der Server spricht eine andere Version: Installieren Sie die aktuelle Terminal-Software.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused this code: unknown, already used or expired. Ask the back office for a new one.</source>
        <translation>Der Server hat diesen Code abgelehnt: unbekannt, schon verwendet oder abgelaufen. Fordern Sie beim Backoffice einen neuen an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server activated the terminal but its key could not be stored here. Ask the back office for a new code.</source>
        <translation>Der Server hat das Terminal aktiviert, aber sein Schlüssel konnte hier nicht gespeichert werden. Fordern Sie beim Backoffice einen neuen Code an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The activation failed: %1</source>
        <translation>Die Aktivierung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A terminal works for one store of a company. Activate it once with the central server&apos;s address and a one-time code from the company&apos;s back office. No loyalty database was found at %1.

Or try everything on demo data first.</source>
        <translation>Ein Terminal arbeitet für ein Geschäft eines Unternehmens. Aktivieren Sie es einmal mit der Adresse des zentralen Servers und einem Einmalcode aus dem Backoffice des Unternehmens. Unter %1 wurde keine Treuedatenbank gefunden.

Oder probieren Sie zuerst alles mit Demodaten aus.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Server address:</source>
        <translation>&amp;Serveradresse:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activation &amp;code:</source>
        <translation>Aktivierungs&amp;code:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Terminal name:</source>
        <translation>&amp;Terminalname:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Counter 1</source>
        <translation>z. B. Kasse 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the key in a file readable by this user only (no secure store here)</source>
        <translation>Schlüssel in einer Datei aufbewahren, die nur dieser Benutzer lesen kann (hier kein sicherer Speicher)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect this terminal to its store with the code from the back office</source>
        <translation>Dieses Terminal mit dem Code aus dem Backoffice mit seinem Geschäft verbinden</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Open the demo</source>
        <translation>Demo öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A demo store with demo customers and a demo camera, on this computer</source>
        <translation>Eine Demo-Filiale mit Demo-Kunden und einer Demo-Kamera, auf diesem Computer</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the terminal</source>
        <translation>Das Terminal schließen</translation>
    </message>
</context>
<context>
    <name>HandledDialog</name>
    <message>
        <location filename="../../terminal/ui/manager/handled_dialog.py" line="+46"/>
        <location line="+6"/>
        <location line="+1"/>
        <source>Mark as handled</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Mark this conflict as handled</source>
        <translation>Diesen Konflikt als erledigt markieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Note (optional): what you did</source>
        <translation>&amp;Notiz (optional): was Sie getan haben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. points given back by hand</source>
        <translation>z. B. Punkte von Hand gutgeschrieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <location filename="../../terminal/ui/screens/idle.py" line="+73"/>
        <source>Show your loyalty card</source>
        <translation>Zeigen Sie Ihre Kundenkarte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera picture</source>
        <translation>Kamerabild</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold the card&apos;s QR code inside the frame, about 20 cm from the camera</source>
        <translation>Halten Sie den QR-Code der Karte in den Rahmen, etwa 20 cm vor die Kamera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera status</source>
        <translation>Kamerastatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Or &amp;type a card number, an email or a phone number:</source>
        <translation>Oder &amp;geben Sie eine Kartennummer, E-Mail-Adresse oder Telefonnummer ein:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1234-5678-9012, name@example.com, 06 12 34 56 78</source>
        <translation>1234-5678-9012, name@example.com, 0151 23456789</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a card</source>
        <translation>Karte suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card number, email or phone number, then Enter. A USB scanner works too.</source>
        <translation>Kartennummer, E-Mail oder Telefonnummer, dann Enter. Ein USB-Scanner geht auch.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find (Enter)</source>
        <translation>Suchen (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look up the card typed in the box</source>
        <translation>Die im Feld eingegebene Karte suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer (F8)</source>
        <translation>Neuer Kunde (F8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll a new customer</source>
        <translation>Neuen Kunden anmelden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a loyalty card for a customer who has none</source>
        <translation>Eine Kundenkarte für einen Kunden ohne Karte anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>ManagerScreen</name>
    <message>
        <location filename="../../terminal/ui/manager/screen.py" line="+180"/>
        <source>Cards</source>
        <translation>Karten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync and conflicts</source>
        <translation>Synchronisierung und Konflikte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the counter (locks)</source>
        <translation>Zurück zur Kasse (sperrt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the manager views</source>
        <translation>Ansichten der Filialleitung sperren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manager: %1</source>
        <translation>Filialleitung: %1</translation>
    </message>
</context>
<context>
    <name>ManagerSignInDialog</name>
    <message>
        <location filename="../../terminal/ui/manager/dialogs.py" line="+34"/>
        <source>No manager is set up for this company.</source>
        <translation>Für dieses Unternehmen ist keine Filialleitung eingerichtet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+4"/>
        <source>Manager</source>
        <translation>Filialleitung</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The manager views need a manager&apos;s PIN.</source>
        <translation>Die Ansichten der Filialleitung erfordern eine PIN der Filialleitung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Manager:</source>
        <translation>&amp;Filialleitung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>NewCardDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/new_card.py" line="+106"/>
        <source>New loyalty card</source>
        <translation>Neue Kundenkarte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The card is ready</source>
        <translation>Die Karte ist fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card number</source>
        <translation>Kartennummer</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Welcome bonus: %n points</source>
        <translation>
            <numerusform>Willkommensbonus: %n Punkt</numerusform>
            <numerusform>Willkommensbonus: %n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points the new card starts with</source>
        <translation>Die Startpunkte der neuen Karte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer can photograph this code with their phone and show it at the counter next time, or take a printed card.</source>
        <translation>Der Kunde kann diesen Code mit dem Handy fotografieren und beim nächsten Mal an der Kasse zeigen, oder eine gedruckte Karte mitnehmen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the customer can do</source>
        <translation>Was der Kunde tun kann</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QR code of card %1</source>
        <translation>QR-Code der Karte %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer photographs it, or shows it to the camera next time</source>
        <translation>Der Kunde fotografiert ihn oder zeigt ihn beim nächsten Mal der Kamera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print card (Ctrl+P)</source>
        <translation>Karte &amp;drucken (Strg+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print card</source>
        <translation>Karte drucken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the card, bank-card size, with its QR code</source>
        <translation>Die Karte im Scheckkartenformat mit ihrem QR-Code drucken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done (Enter)</source>
        <translation>Fertig (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close and go back to the counter</source>
        <translation>Schließen und zur Kasse zurückkehren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the printing went</source>
        <translation>Ergebnis des Druckens</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loyalty card %1</source>
        <translation>Kundenkarte %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the card</source>
        <translation>Die Karte drucken</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The card could not be printed. Check the printer.</source>
        <translation>Die Karte konnte nicht gedruckt werden. Prüfen Sie den Drucker.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Card sent to the printer.</source>
        <translation>Karte an den Drucker gesendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loyalty card</source>
        <translation>Kundenkarte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show this code at the counter</source>
        <translation>Zeigen Sie diesen Code an der Kasse</translation>
    </message>
</context>
<context>
    <name>OperationDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/base.py" line="+69"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without doing anything</source>
        <translation>Schließen, ohne etwas zu tun</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/pin.py" line="+68"/>
        <source>Staff PIN</source>
        <translation>Mitarbeiter-PIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Manager (only a manager can do this):</source>
        <translation>&amp;Filialleitung (nur die Filialleitung darf das):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Who are you?</source>
        <translation>&amp;Wer sind Sie?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm (Enter)</source>
        <translation>Bestätigen (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the PIN and do the operation</source>
        <translation>PIN prüfen und den Vorgang ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff member</source>
        <translation>Mitarbeiter/in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick your name with the arrow keys</source>
        <translation>Wählen Sie Ihren Namen mit den Pfeiltasten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your staff PIN, 4 to 8 digits, hidden</source>
        <translation>Ihre Mitarbeiter-PIN, 4 bis 8 Ziffern, verdeckt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 to 8 digits</source>
        <translation>4 bis 8 Ziffern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>manager</source>
        <translation>Filialleitung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cashier</source>
        <translation>Kassierer/in</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>locked until %1</source>
        <translation>gesperrt bis %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pick your name first.</source>
        <translation>Wählen Sie zuerst Ihren Namen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type your PIN.</source>
        <translation>Geben Sie Ihre PIN ein.</translation>
    </message>
</context>
<context>
    <name>RewardsDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/rewards.py" line="+75"/>
        <location line="+1"/>
        <source>Redeem a reward</source>
        <translation>Prämie einlösen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points balance: %1</source>
        <translation>Punktestand: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rewards:</source>
        <translation>&amp;Prämien:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewards</source>
        <translation>Prämien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The rewards of the catalogue with their cost in points. Up and Down pick one, Enter redeems it. Greyed-out rewards say why the card cannot have them.</source>
        <translation>Die Prämien des Katalogs mit ihren Kosten in Punkten. Auf und Ab wählen eine aus, Enter löst sie ein. Ausgegraute Prämien sagen, warum die Karte sie nicht bekommen kann.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The catalogue has no rewards.</source>
        <translation>Der Katalog enthält keine Prämien.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem (Enter)</source>
        <translation>Einlösen (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem</source>
        <translation>Einlösen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redeem the selected reward with the card&apos;s points</source>
        <translation>Die gewählte Prämie mit den Punkten der Karte einlösen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 - %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The card can have this reward</source>
        <translation>Die Karte kann diese Prämie bekommen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Pick a reward first: Up and Down move, Enter redeems.</source>
        <translation>Wählen Sie zuerst eine Prämie: Auf und Ab zum Wählen, Enter zum Einlösen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/settings.py" line="+129"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminal settings</source>
        <translation>Terminal-Einstellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Camera:</source>
        <translation>&amp;Kamera:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera number</source>
        <translation>Kameranummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which camera reads the cards: 0 is the first one the PC found</source>
        <translation>Welche Kamera die Karten liest: 0 ist die erste, die der PC gefunden hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Resolution:</source>
        <translation>&amp;Auflösung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera resolution</source>
        <translation>Kameraauflösung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width × height of the camera picture; higher reads smaller codes</source>
        <translation>Breite × Höhe des Kamerabilds; höher liest kleinere Codes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Decoder:</source>
        <translation>&amp;Decoder:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR code decoder</source>
        <translation>QR-Code-Decoder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The engine that reads the QR codes on the cards</source>
        <translation>Die Engine, die die QR-Codes auf den Karten liest</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Back to idle after:</source>
        <translation>&amp;Zurück zum Start nach:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the idle screen after</source>
        <translation>Zurück zum Startbildschirm nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds the result stays on screen before the scan screen returns</source>
        <translation>Sekunden, die das Ergebnis angezeigt bleibt, bevor der Scan-Bildschirm zurückkehrt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of the terminal&apos;s screens</source>
        <translation>Die Sprache der Terminal-Bildschirme</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sound</source>
        <translation>Ton</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A short sound after each operation, another one after a refusal</source>
        <translation>Ein kurzer Ton nach jedem Vorgang, ein anderer nach einer Ablehnung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>0 (the first camera)</source>
        <translation>0 (die erste Kamera)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sound after each operation</source>
        <translation>&amp;Ton nach jedem Vorgang</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (from the settings file)</source>
        <translation>%1 (aus der Einstellungsdatei)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save (Enter)</source>
        <translation>Speichern (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the settings and use them now</source>
        <translation>Die Einstellungen speichern und sofort verwenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Standard: zxing-cpp (pyzbar is missing)</source>
        <translation>Standard: zxing-cpp (pyzbar fehlt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standard: zxing-cpp, pyzbar for hard-to-read codes</source>
        <translation>Standard: zxing-cpp, pyzbar für schwer lesbare Codes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>zxing-cpp only</source>
        <translation>nur zxing-cpp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pyzbar only: unavailable, libzbar is missing</source>
        <translation>nur pyzbar: nicht verfügbar, libzbar fehlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pyzbar only (slower)</source>
        <translation>nur pyzbar (langsamer)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>pyzbar needs the zbar library, which is not installed on this PC: no card will be read. Pick another decoder or ask IT to install libzbar.</source>
        <translation>pyzbar braucht die zbar-Bibliothek, die auf diesem PC nicht installiert ist: Es wird keine Karte gelesen. Wählen Sie einen anderen Decoder oder bitten Sie die IT, libzbar zu installieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The zbar library is not installed: zxing-cpp reads alone.</source>
        <translation>Die zbar-Bibliothek ist nicht installiert: zxing-cpp liest allein.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These settings cannot be saved:</source>
        <translation>Diese Einstellungen können nicht gespeichert werden:</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <location filename="../../terminal/ui/widgets/sync_badge.py" line="+81"/>
        <source>Sync state</source>
        <translation>Synchronisationsstatus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connecting to the server…</source>
        <translation>Verbindung zum Server…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receiving the company&apos;s data: %1 of %2 (%3%)</source>
        <translation>Unternehmensdaten werden empfangen: %1 von %2 (%3 %)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activate again: the server refused this terminal</source>
        <translation>Erneut aktivieren: Der Server hat dieses Terminal abgewiesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync stopped</source>
        <translation>Synchronisation angehalten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server certificate not trusted: working locally</source>
        <translation>Serverzertifikat nicht vertrauenswürdig: lokaler Betrieb</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server speaks another version: update the terminal</source>
        <translation>Der Server spricht eine andere Version: Terminal aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server busy: retrying</source>
        <translation>Server ausgelastet: neuer Versuch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not activated</source>
        <translation>Nicht aktiviert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync problem on this terminal: retrying</source>
        <translation>Synchronisationsproblem auf diesem Terminal: neuer Versuch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The credential store is locked: syncing waits</source>
        <translation>Der Anmeldedatenspeicher ist gesperrt: Die Synchronisation wartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server misses earlier operations: call support</source>
        <translation>Dem Server fehlen frühere Vorgänge: Support anrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server problem: retrying</source>
        <translation>Serverproblem: neuer Versuch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not connected to a server yet.</source>
        <translation>Noch nicht mit einem Server verbunden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The counter works on: every operation is kept and sent later.</source>
        <translation>Die Kasse arbeitet weiter: Jeder Vorgang wird aufbewahrt und später gesendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sync: %1</source>
        <translation>Letzte Synchronisation: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No sync yet.</source>
        <translation>Noch keine Synchronisation.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last problem: %1</source>
        <translation>Letztes Problem: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next try in %1 s.</source>
        <translation>Nächster Versuch in %1 s.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Press to see the conflicts.</source>
        <translation>Drücken, um die Konflikte zu sehen.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../terminal/ui/manager/sync_page.py" line="+96"/>
        <source>Reading the conflicts…</source>
        <translation>Konflikte werden gelesen…</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Local only: not connected to a server</source>
        <translation>Nur lokal: nicht mit einem Server verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent:</source>
        <translation>Wartet auf Versand:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync:</source>
        <translation>Letzte Synchronisierung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last problem:</source>
        <translation>Letztes Problem:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving the company&apos;s data</source>
        <translation>Unternehmensdaten werden empfangen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show unhandled only</source>
        <translation>Nur unerledigte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show unhandled conflicts only</source>
        <translation>Nur unerledigte Konflikte zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync conflicts</source>
        <translation>Synchronisierungskonflikte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as handled…</source>
        <translation>Als erledigt markieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected conflict as handled</source>
        <translation>Den gewählten Konflikt als erledigt markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open card</source>
        <translation>Karte öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the card of the selected conflict</source>
        <translation>Die Karte des gewählten Konflikts öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (solved since)</source>
        <translation>%1 (inzwischen gelöst)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, next try in %2 s</source>
        <translation>%1, nächster Versuch in %2 s</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The manager views are locked: sign in again to do this.</source>
        <translation>Die Leiteransicht ist gesperrt: Melden Sie sich erneut an, um das zu tun.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Marked as handled.</source>
        <translation>Als erledigt markiert.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs/void.py" line="+143"/>
        <location line="+1"/>
        <source>Void / return</source>
        <translation>Storno / Rückgabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Transaction to take back (newest first):</source>
        <translation>&amp;Vorgang zum Zurücknehmen (neueste zuerst):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction to take back</source>
        <translation>Vorgang zum Zurücknehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The card&apos;s recent purchases and stamps that can still be voided, newest first</source>
        <translation>Die letzten Einkäufe und Stempel der Karte, die noch storniert werden können, neueste zuerst</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+98"/>
        <source>Nothing on this card can be voided.</source>
        <translation>Auf dieser Karte kann nichts storniert werden.</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Returned &amp;amount (empty: all that is left):</source>
        <translation>Zurückgegebener &amp;Betrag (leer: alles Übrige):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All that is left</source>
        <translation>Alles Übrige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned amount</source>
        <translation>Zurückgegebener Betrag</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For a partial return, the amount returned, e.g. 12.50 or 12,50. Leave empty to take back all that is left of the purchase.</source>
        <translation>Bei einer Teilrückgabe der zurückgegebene Betrag, z. B. 12.50 oder 12,50. Leer lassen, um den ganzen Rest des Einkaufs zurückzunehmen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Stamps to take back:</source>
        <translation>&amp;Stempel zum Zurücknehmen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps to take back</source>
        <translation>Stempel zum Zurücknehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many of this entry&apos;s stamps to void; Up and Down change it</source>
        <translation>Wie viele Stempel dieses Eintrags storniert werden; Auf und Ab ändern die Zahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Notiz (optional):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. item returned, stamp given by mistake</source>
        <translation>z. B. Artikel zurückgegeben, Stempel versehentlich vergeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: why this is voided</source>
        <translation>Optional: warum storniert wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void (Enter)</source>
        <translation>Stornieren (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take back the selected transaction, or the part of it given</source>
        <translation>Den gewählten Vorgang zurücknehmen, oder den angegebenen Teil davon</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Up to %1 can be returned</source>
        <translation>Bis zu %1 können zurückgegeben werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 can be voided</source>
        <translation>Stornierbar: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Up to %1</source>
        <translation>Bis zu %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Pick the transaction to take back first.</source>
        <translation>Wählen Sie zuerst den Vorgang, der zurückgenommen werden soll.</translation>
    </message>
</context>
<context>
    <name>cards</name>
    <message>
        <location filename="../../terminal/ui/models/cards.py" line="+41"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card number</source>
        <translation>Kartennummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolled at</source>
        <translation>Angemeldet in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
</context>
<context>
    <name>conflicts</name>
    <message>
        <location filename="../../terminal/ui/dialogs/conflicts.py" line="-92"/>
        <source>Overdraft: redeemed offline, the card could not afford it</source>
        <translation>Überziehung: offline eingelöst, die Karte hatte nicht genug</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused by the server</source>
        <translation>Vom Server abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged into the customer&apos;s existing card</source>
        <translation>Mit der bestehenden Karte des Kunden zusammengeführt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not applied: its number was already used for another operation</source>
        <translation>Nicht angewendet: Seine Nummer war bereits für einen anderen Vorgang vergeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applied, flagged for a manager</source>
        <translation>Angewendet, für eine Führungskraft markiert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New card</source>
        <translation>Neue Karte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome bonus: %1</source>
        <translation>Willkommensbonus: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps given: %1</source>
        <translation>Stempel vergeben: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamp reward: %1</source>
        <translation>Stempelprämie: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps voided: %1</source>
        <translation>Stempel storniert: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned: %1</source>
        <translation>Punkte gesammelt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward redeemed: %1</source>
        <translation>Prämie eingelöst: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points voided: %1</source>
        <translation>Punkte storniert: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points adjusted: %1</source>
        <translation>Punkte angepasst: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card deactivated</source>
        <translation>Karte deaktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card reactivated</source>
        <translation>Karte reaktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expired: %1</source>
        <translation>Punkte verfallen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer details changed</source>
        <translation>Kundendaten geändert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>card no longer here</source>
        <translation>Karte nicht mehr hier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
</context>
<context>
    <name>conflicts_model</name>
    <message>
        <location filename="../../terminal/ui/manager/conflicts_model.py" line="+36"/>
        <source>The server applied this redemption although the card could no longer afford it (another store spent the points first). The reward was already handed over: no action is needed unless it happens often; you can adjust the points.</source>
        <translation>Der Server hat diese Einlösung verbucht, obwohl die Karte nicht mehr genug Punkte hatte (ein anderer Laden hat sie zuerst ausgegeben). Die Prämie wurde schon übergeben: Nichts zu tun, außer es kommt oft vor; Sie können die Punkte korrigieren.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The entry was not applied: the balance shown is the server&apos;s. If the customer should have it, add it again or adjust the points.</source>
        <translation>Der Vorgang wurde nicht verbucht: Der angezeigte Stand ist der des Servers. Wenn er dem Kunden zusteht, erfassen Sie ihn neu oder korrigieren Sie die Punkte.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server said: %1</source>
        <translation>Der Server meldete: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This customer already had a card: the new card was merged into it. Both cards work; the balance is on the older card.</source>
        <translation>Dieser Kunde hatte schon eine Karte: Die neue Karte wurde mit ihr zusammengeführt. Beide Karten funktionieren; der Stand liegt auf der älteren Karte.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same entry id or number was used twice: call support; nothing is lost.</source>
        <translation>Dieselbe Vorgangs-ID oder -Nummer wurde zweimal verwendet: Rufen Sie den Support an; nichts geht verloren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Applied, and flagged for a manager to check (e.g. an offline redemption over the daily limit).</source>
        <translation>Verbucht und zur Prüfung durch einen Leiter markiert (z. B. eine Offline-Einlösung über dem Tageslimit).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not handled yet</source>
        <translation>Noch nicht erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a manager</source>
        <translation>ein Leiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>card no longer here</source>
        <translation>Karte nicht mehr hier</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handled</source>
        <translation>Erledigt</translation>
    </message>
</context>
<context>
    <name>csv_export</name>
    <message>
        <location filename="../../terminal/ui/manager/csv_export.py" line="+36"/>
        <location line="+20"/>
        <source>Card number</source>
        <translation>Kartennummer</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Active (1 = yes)</source>
        <translation>Aktiv (1 = ja)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolled at</source>
        <translation>Angemeldet in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expire on</source>
        <translation>Punkte verfallen am</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date and time</source>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Purchase amount</source>
        <translation>Einkaufsbetrag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync state</source>
        <translation>Synchronisierungsstand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server&apos;s reason</source>
        <translation>Grund des Servers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export to a CSV file</source>
        <translation>In eine CSV-Datei exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting</source>
        <translation>Export läuft</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Stopping the export…</source>
        <translation>Export wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>export_panel</name>
    <message numerus="yes">
        <location filename="../../terminal/ui/manager/export_panel.py" line="-179"/>
        <source>Exported %n card(s) to %1</source>
        <translation>
            <numerusform>%n Karte nach %1 exportiert</numerusform>
            <numerusform>%n Karten nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Exported %n transaction(s) to %1</source>
        <translation>
            <numerusform>%n Buchung nach %1 exportiert</numerusform>
            <numerusform>%n Buchungen nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <location filename="../../terminal/ui/models/history.py" line="+24"/>
        <source>Card created</source>
        <translation>Karte angelegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reactivated</source>
        <translation>Reaktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome bonus</source>
        <translation>Willkommensbonus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamp</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamp reward</source>
        <translation>Stempelprämie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamp voided</source>
        <translation>Stempel storniert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned</source>
        <translation>Punkte gesammelt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return</source>
        <translation>Rückgabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjustment</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expired</source>
        <translation>Punkte verfallen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details changed</source>
        <translation>Kundendaten geändert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not sent yet</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asking the server</source>
        <translation>Anfrage beim Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the server</source>
        <translation>Vom Server abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdraft</source>
        <translation>Überziehung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase</source>
        <translation>Einkauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward / note</source>
        <translation>Prämie / Notiz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../terminal/ui/startup_problem.py" line="+19"/>
        <source>The loyalty terminal cannot start</source>
        <translation>Das Kundenkarten-Terminal kann nicht starten</translation>
    </message>
</context>
<context>
    <name>sync_badge</name>
    <message numerus="yes">
        <location filename="../../terminal/ui/widgets/sync_badge.py" line="-125"/>
        <source>%n to send</source>
        <translation>
            <numerusform>%n zu senden</numerusform>
            <numerusform>%n zu senden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n Konflikt</numerusform>
            <numerusform>%n Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Receiving the company&apos;s data: %n row(s) so far</source>
        <translation>
            <numerusform>Unternehmensdaten werden empfangen: bisher %n Zeile</numerusform>
            <numerusform>Unternehmensdaten werden empfangen: bisher %n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>clock %n min off</source>
        <translation>
            <numerusform>Uhr %n Min. verschoben</numerusform>
            <numerusform>Uhr %n Min. verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>This terminal&apos;s clock is %n minute(s) off the server&apos;s.</source>
        <translation>
            <numerusform>Die Uhr dieses Terminals weicht %n Minute von der des Servers ab.</numerusform>
            <numerusform>Die Uhr dieses Terminals weicht %n Minuten von der des Servers ab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message numerus="yes">
        <location filename="../../terminal/ui/texts.py" line="+39"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n Punkt</numerusform>
            <numerusform>%n Punkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n stamp(s)</source>
        <translation>
            <numerusform>%n Stempel</numerusform>
            <numerusform>%n Stempel</numerusform>
        </translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message numerus="yes">
        <location line="-132"/>
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Letzter Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+143"/>
        <source>No loyalty card found for this email. Check it, or enroll the customer.</source>
        <translation>Keine Kundenkarte zu dieser E-Mail gefunden. Prüfen Sie sie oder melden Sie den Kunden an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No loyalty card found for this phone. Check it, or enroll the customer.</source>
        <translation>Keine Kundenkarte zu dieser Telefonnummer gefunden. Prüfen Sie sie oder melden Sie den Kunden an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No loyalty card found for this card number. Check it, or enroll the customer.</source>
        <translation>Keine Kundenkarte mit dieser Nummer gefunden. Prüfen Sie sie oder melden Sie den Kunden an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No loyalty card found for this QR code. Check it, or enroll the customer.</source>
        <translation>Keine Kundenkarte zu diesem QR-Code gefunden. Prüfen Sie ihn oder melden Sie den Kunden an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No loyalty card found. Check it, or enroll the customer.</source>
        <translation>Keine Kundenkarte gefunden. Prüfen Sie die Eingabe oder melden Sie den Kunden an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This customer already has card %1 (same phone). Use that card instead.</source>
        <translation>Dieser Kunde hat schon die Karte %1 (gleiche Telefonnummer). Verwenden Sie diese Karte.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This customer already has card %1 (same email). Use that card instead.</source>
        <translation>Dieser Kunde hat schon die Karte %1 (gleiche E-Mail). Verwenden Sie diese Karte.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The last name has characters that cannot be printed.</source>
        <translation>Der Nachname enthält Zeichen, die nicht gedruckt werden können.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first name has characters that cannot be printed.</source>
        <translation>Der Vorname enthält Zeichen, die nicht gedruckt werden können.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The last name is too long (%1 at most).</source>
        <translation>Der Nachname ist zu lang (höchstens %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first name is too long (%1 at most).</source>
        <translation>Der Vorname ist zu lang (höchstens %1).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The reward &apos;%1&apos; is not offered any more. Pick another reward.</source>
        <translation>Die Prämie „%1“ wird nicht mehr angeboten. Wählen Sie eine andere.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This reward is not offered any more. Pick another reward.</source>
        <translation>Diese Prämie wird nicht mehr angeboten. Wählen Sie eine andere.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This PIN is locked after too many wrong attempts, until %1. Another staff member can help.</source>
        <translation>Diese PIN ist nach zu vielen Fehlversuchen bis %1 gesperrt. Eine andere Person aus dem Team kann helfen.</translation>
    </message>
    <message numerus="yes">
        <location line="-205"/>
        <source>A stamp was given less than %n minute(s) ago. Next stamp possible at %1.</source>
        <translation>
            <numerusform>Vor weniger als %n Minute wurde ein Stempel vergeben. Nächster Stempel ab %1 möglich.</numerusform>
            <numerusform>Vor weniger als %n Minuten wurde ein Stempel vergeben. Nächster Stempel ab %1 möglich.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This cannot be done now. Try again, or ask a manager.</source>
        <translation>Das geht gerade nicht. Versuchen Sie es erneut oder fragen Sie die Filialleitung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This input is not valid. Check what was typed and try again.</source>
        <translation>Diese Eingabe ist ungültig. Prüfen Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The order reference must be printable and at most %1 characters long.</source>
        <translation>Die Bestellnummer muss druckbar sein und darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The reason must be printable and at most %1 characters long.</source>
        <translation>Der Grund muss druckbar sein und darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Scan the card, or type its number, an email or a phone number.</source>
        <translation>Scannen Sie die Karte oder geben Sie ihre Nummer, eine E-Mail-Adresse oder eine Telefonnummer ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That is too long for a card number, email or phone number.</source>
        <translation>Das ist zu lang für eine Kartennummer, E-Mail-Adresse oder Telefonnummer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type an email address.</source>
        <translation>Geben Sie eine E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a phone number.</source>
        <translation>Geben Sie eine Telefonnummer ein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The search text is too long.</source>
        <translation>Der Suchtext ist zu lang.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This amount is not valid. Type the purchase amount, e.g. 12.50.</source>
        <translation>Dieser Betrag ist ungültig. Geben Sie den Einkaufsbetrag ein, z. B. 12,50.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the purchase amount, e.g. %1.</source>
        <translation>Geben Sie den Einkaufsbetrag ein, z. B. %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount cannot be negative. Type the purchase amount.</source>
        <translation>Der Betrag darf nicht negativ sein. Geben Sie den Einkaufsbetrag ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A space inside an amount is ambiguous (12 50: 12.50 or 1250?). Type the amount without spaces, e.g. 12.50.</source>
        <translation>Ein Leerzeichen im Betrag ist mehrdeutig (12 50: 12,50 oder 1250?). Geben Sie den Betrag ohne Leerzeichen ein, z. B. 12,50.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the amount without spaces, e.g. 1250.00 (no thousands separator).</source>
        <translation>Geben Sie den Betrag ohne Leerzeichen ein, z. B. 1250,00 (ohne Tausendertrennzeichen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the amount as a number, e.g. 12.50 or 12,50.</source>
        <translation>Geben Sie den Betrag als Zahl ein, z. B. 12.50 oder 12,50.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An amount has at most two decimals, e.g. 12.50.</source>
        <translation>Ein Betrag hat höchstens zwei Nachkommastellen, z. B. 12,50.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The amount is above the maximum of %1. Check the amount.</source>
        <translation>Der Betrag liegt über dem Höchstbetrag von %1. Prüfen Sie den Betrag.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The amount must be more than zero.</source>
        <translation>Der Betrag muss größer als null sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This card number is not valid. Check the number on the card.</source>
        <translation>Diese Kartennummer ist ungültig. Prüfen Sie die Nummer auf der Karte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A card number has only digits, e.g. 1234-5678-9012. Check what was typed.</source>
        <translation>Eine Kartennummer besteht nur aus Ziffern, z. B. 1234-5678-9012. Prüfen Sie die Eingabe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A card number has %1 digits, not %2. Check what was typed.</source>
        <translation>Eine Kartennummer hat %1 Ziffern, nicht %2. Prüfen Sie die Eingabe.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This card number is not valid: one digit is probably mistyped. Check the number on the card and type it again.</source>
        <translation>Diese Kartennummer ist ungültig: Wahrscheinlich ist eine Ziffer vertippt. Prüfen Sie die Nummer auf der Karte und geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This code is not a loyalty card of ours. Ask for the loyalty card, or type the card number.</source>
        <translation>Dieser Code ist keine unserer Kundenkarten. Fragen Sie nach der Kundenkarte oder geben Sie die Kartennummer ein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The customer&apos;s details do not look right. Check the email and the phone.</source>
        <translation>Die Angaben des Kunden scheinen nicht zu stimmen. Prüfen Sie E-Mail und Telefon.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the customer&apos;s name.</source>
        <translation>Geben Sie den Namen des Kunden ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An email address is needed to enroll (company setting).</source>
        <translation>Für die Anmeldung ist eine E-Mail-Adresse nötig (Unternehmenseinstellung).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type an email address or a phone number, so the card can be found again.</source>
        <translation>Geben Sie eine E-Mail-Adresse oder Telefonnummer ein, damit die Karte wiedergefunden werden kann.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A country is its two-letter ISO 3166 code, e.g. FR, DE or GB.</source>
        <translation>Ein Land wird mit seinem zweistelligen ISO-3166-Code angegeben, z. B. FR, DE oder GB.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This email address does not look right. Check it.</source>
        <translation>Diese E-Mail-Adresse scheint nicht zu stimmen. Prüfen Sie sie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A phone number has digits only (spaces, dots, dashes, brackets and + allowed).</source>
        <translation>Eine Telefonnummer besteht nur aus Ziffern (Leerzeichen, Punkte, Bindestriche, Klammern und + sind erlaubt).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A phone number has %1 to %2 digits.</source>
        <translation>Eine Telefonnummer hat %1 bis %2 Ziffern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This phone number is not valid: check its country code and its digits.</source>
        <translation>Diese Telefonnummer ist ungültig: Prüfen Sie Ländervorwahl und Ziffern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a valid phone number in %1. Check it, or type it with its country code (+…).</source>
        <translation>Das ist keine gültige Telefonnummer in %1. Prüfen Sie sie oder geben Sie sie mit Ländervorwahl ein (+…).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Another customer already has this email address or phone number.</source>
        <translation>Ein anderer Kunde hat bereits diese E-Mail-Adresse oder Telefonnummer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another customer (card %1) already has this email address.</source>
        <translation>Ein anderer Kunde (Karte %1) hat bereits diese E-Mail-Adresse.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Another customer (card %1) already has this phone number.</source>
        <translation>Ein anderer Kunde (Karte %1) hat bereits diese Telefonnummer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These are already the customer&apos;s details: nothing to change.</source>
        <translation>Das sind bereits die Daten des Kunden: Es gibt nichts zu ändern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This terminal has no new card numbers left. Connect it to the network so it can get more, or enroll the customer at another terminal.</source>
        <translation>Dieses Terminal hat keine neuen Kartennummern mehr. Verbinden Sie es mit dem Netz, damit es neue bekommt, oder melden Sie den Kunden an einem anderen Terminal an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This customer cannot be enrolled here. Ask a manager.</source>
        <translation>Dieser Kunde kann hier nicht angemeldet werden. Fragen Sie die Filialleitung.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Card %1 is deactivated: it cannot earn or redeem. A manager can reactivate it.</source>
        <translation>Die Karte %1 ist deaktiviert: Mit ihr kann weder gesammelt noch eingelöst werden. Die Filialleitung kann sie wieder aktivieren.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The card already has this status.</source>
        <translation>Die Karte hat diesen Status bereits.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Card %1 is already active.</source>
        <translation>Die Karte %1 ist bereits aktiv.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Card %1 is already deactivated.</source>
        <translation>Die Karte %1 ist bereits deaktiviert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loyalty program is paused. No card can earn or redeem now.</source>
        <translation>Das Kundenprogramm ist pausiert. Derzeit kann keine Karte sammeln oder einlösen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This loyalty program does not offer this.</source>
        <translation>Dieses Kundenprogramm bietet das nicht an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This loyalty program has no points.</source>
        <translation>Dieses Kundenprogramm hat keine Punkte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This loyalty program has no stamps.</source>
        <translation>Dieses Kundenprogramm hat keine Stempel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This loyalty program has no stamp reward.</source>
        <translation>Dieses Kundenprogramm hat keine Stempelprämie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This terminal is not activated yet. Run the setup with the activation code from the back office.</source>
        <translation>Dieses Terminal ist noch nicht aktiviert. Starten Sie die Einrichtung mit dem Aktivierungscode aus dem Backoffice.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This terminal has not received its store&apos;s loyalty program yet. Connect it to the network once.</source>
        <translation>Dieses Terminal hat das Kundenprogramm seiner Filiale noch nicht erhalten. Verbinden Sie es einmal mit dem Netz.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type the number of stamps as a whole number, e.g. 1.</source>
        <translation>Geben Sie die Anzahl der Stempel als ganze Zahl ein, z. B. 1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give at least one stamp.</source>
        <translation>Vergeben Sie mindestens einen Stempel.</translation>
    </message>
    <message numerus="yes">
        <location line="-452"/>
        <source>At most %n stamp(s) can be given in a day.</source>
        <translation>
            <numerusform>Pro Tag kann höchstens %n Stempel vergeben werden.</numerusform>
            <numerusform>Pro Tag können höchstens %n Stempel vergeben werden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+460"/>
        <source>Daily stamp limit reached (%1). Next stamp possible tomorrow.</source>
        <translation>Tageslimit für Stempel erreicht (%1). Der nächste Stempel ist morgen möglich.</translation>
    </message>
    <message numerus="yes">
        <location line="-457"/>
        <source>Daily stamp limit is %1: only %n more stamp(s) possible today.</source>
        <translation>
            <numerusform>Das Tageslimit liegt bei %1 Stempeln: Heute ist nur noch %n Stempel möglich.</numerusform>
            <numerusform>Das Tageslimit liegt bei %1 Stempeln: Heute sind nur noch %n Stempel möglich.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+233"/>
        <source>Type the points to add (e.g. 50) or take away (e.g. -50), at most %1.</source>
        <translation>Geben Sie die Punkte ein, die hinzukommen (z. B. 50) oder abgezogen werden sollen (z. B. -50), höchstens %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Say why the points change (%1 to %2 characters): it is kept.</source>
        <translation>Geben Sie an, warum sich die Punkte ändern (%1 bis %2 Zeichen): Der Grund wird gespeichert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The card has %1 points: an adjustment cannot take it below zero.</source>
        <translation>Die Karte hat %1 Punkte: Eine Korrektur kann sie nicht unter null bringen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The note must be printable and at most %1 characters long.</source>
        <translation>Die Notiz muss druckbar sein und darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This conflict is no longer in the list. Refresh the list.</source>
        <translation>Dieser Konflikt ist nicht mehr in der Liste. Aktualisieren Sie die Liste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a name, card number, email or phone number.</source>
        <translation>Geben Sie einen Namen, eine Kartennummer, eine E-Mail-Adresse oder eine Telefonnummer ein.</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>The stamp reward needs %1 stamps; this card has %2 (%3 more to go).</source>
        <translation>Die Stempelprämie braucht %1 Stempel; diese Karte hat %2 (noch %3).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not enough points: this reward costs %1 and the card has %2 (%3 missing).</source>
        <translation>Nicht genug Punkte: Diese Prämie kostet %1, die Karte hat %2 (es fehlen %3).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Points can be redeemed from %1 points on; this card has %2.</source>
        <translation>Punkte können ab %1 Punkten eingelöst werden; diese Karte hat %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The central server refused this redemption. Nothing was recorded.</source>
        <translation>Der zentrale Server hat diese Einlösung abgelehnt. Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central server refused: the card now has %1 points (spent in another store?). Nothing was recorded.</source>
        <translation>Der zentrale Server hat abgelehnt: Die Karte hat jetzt %1 Punkte (in einem anderen Geschäft ausgegeben?). Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The central server refused: this card was deactivated at another till. Nothing was recorded.</source>
        <translation>Der zentrale Server hat abgelehnt: Diese Karte wurde an einer anderen Kasse deaktiviert. Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The central server refused: this reward is no longer in the catalogue. Nothing was recorded.</source>
        <translation>Der zentrale Server hat abgelehnt: Diese Prämie ist nicht mehr im Katalog. Es wurde nichts gebucht.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The terminal is offline: a card may redeem at most %1 points a day here while offline (%2 left today). Try again when back online.</source>
        <translation>Das Terminal ist offline: Eine Karte kann hier offline höchstens %1 Punkte pro Tag einlösen (heute noch %2). Versuchen Sie es wieder, wenn das Terminal online ist.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This card can only redeem at the store where it was enrolled (company setting).</source>
        <translation>Diese Karte kann nur in der Filiale eingelöst werden, in der sie angemeldet wurde (Unternehmenseinstellung).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Voids and returns are switched off for this company.</source>
        <translation>Stornos und Rückgaben sind für dieses Unternehmen abgeschaltet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This entry cannot be voided. Pick it again from the list.</source>
        <translation>Dieser Eintrag kann nicht storniert werden. Wählen Sie ihn erneut in der Liste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A reward handed over cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Eine ausgehändigte Prämie kann nicht storniert werden. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A welcome bonus cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Ein Willkommensbonus kann nicht storniert werden. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This entry is itself a void and cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Dieser Eintrag ist selbst ein Storno und kann nicht storniert werden. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The creation of the card cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Das Anlegen der Karte kann nicht storniert werden. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A card status change cannot be voided: deactivate or reactivate the card instead. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Eine Statusänderung der Karte kann nicht storniert werden: Deaktivieren oder reaktivieren Sie stattdessen die Karte. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A points adjustment is made by the head office and cannot be voided here. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Eine Punktekorrektur kommt von der Zentrale und kann hier nicht storniert werden. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A change of the customer&apos;s details cannot be voided: change the details again instead. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Eine Änderung der Kundendaten kann nicht storniert werden: Ändern Sie stattdessen die Daten erneut. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Expired points cannot be given back by a void. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Verfallene Punkte können nicht durch ein Storno zurückgegeben werden. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This entry cannot be voided. Only stamps given and points earned on a purchase can be voided.</source>
        <translation>Dieser Eintrag kann nicht storniert werden. Nur vergebene Stempel und bei einem Einkauf gesammelte Punkte können storniert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only a points purchase can be returned. Pick the original purchase.</source>
        <translation>Nur ein Einkauf mit Punkten kann zurückgegeben werden. Wählen Sie den ursprünglichen Einkauf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a stamp can be voided here. Pick the stamp given by mistake.</source>
        <translation>Hier kann nur ein Stempel storniert werden. Wählen Sie den versehentlich vergebenen Stempel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This transaction is not on this card. Pick it from the list.</source>
        <translation>Dieser Vorgang gehört nicht zu dieser Karte. Wählen Sie ihn in der Liste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This purchase was already fully returned.</source>
        <translation>Dieser Einkauf wurde bereits vollständig zurückgegeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The returned amount must be more than zero.</source>
        <translation>Der zurückgegebene Betrag muss größer als null sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only %1 of this purchase can still be returned.</source>
        <translation>Von diesem Einkauf können nur noch %1 zurückgegeben werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These stamps were already voided.</source>
        <translation>Diese Stempel wurden bereits storniert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the number of stamps to void as a whole number, e.g. 1.</source>
        <translation>Geben Sie die Anzahl der zu stornierenden Stempel als ganze Zahl ein, z. B. 1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Void at least one stamp.</source>
        <translation>Stornieren Sie mindestens einen Stempel.</translation>
    </message>
    <message numerus="yes">
        <location line="-605"/>
        <source>Only %n stamp(s) of it can be voided.</source>
        <translation>
            <numerusform>Davon kann nur %n Stempel storniert werden.</numerusform>
            <numerusform>Davon können nur %n Stempel storniert werden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+613"/>
        <source>The note must be printable and at most %1 characters.</source>
        <translation>Die Notiz muss druckbar sein und darf höchstens %1 Zeichen haben.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This staff member is unknown or no longer active. Pick your name.</source>
        <translation>Diese Person ist unbekannt oder nicht mehr aktiv. Wählen Sie Ihren Namen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A staff PIN is needed for this. Pick your name and type your PIN.</source>
        <translation>Dafür ist eine Mitarbeiter-PIN nötig. Wählen Sie Ihren Namen und geben Sie Ihre PIN ein.</translation>
    </message>
    <message numerus="yes">
        <location line="-646"/>
        <source>Wrong PIN. %n attempt(s) left before this PIN is locked.</source>
        <translation>
            <numerusform>Falsche PIN. Noch %n Versuch, bevor diese PIN gesperrt wird.</numerusform>
            <numerusform>Falsche PIN. Noch %n Versuche, bevor diese PIN gesperrt wird.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+616"/>
        <source>Activity is shown for today, the last 7 or the last 30 days.</source>
        <translation>Die Aktivität wird für heute, die letzten 7 oder die letzten 30 Tage angezeigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The company&apos;s figures cannot be read from the central server now.</source>
        <translation>Die Unternehmenszahlen können gerade nicht vom zentralen Server gelesen werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose comma, semicolon or tab as the separator.</source>
        <translation>Wählen Sie Komma, Semikolon oder Tabulator als Trennzeichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The period ends before it starts. Pick the first day, then the last one.</source>
        <translation>Der Zeitraum endet, bevor er beginnt. Wählen Sie den ersten Tag, dann den letzten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An export covers at most %1 days. Export a shorter period.</source>
        <translation>Ein Export umfasst höchstens %1 Tage. Exportieren Sie einen kürzeren Zeitraum.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The export was cancelled: no file was written.</source>
        <translation>Der Export wurde abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file could not be written. Choose another folder, or close the file in the program that has it open.</source>
        <translation>Die Datei konnte nicht geschrieben werden. Wählen Sie einen anderen Ordner oder schließen Sie die Datei in dem Programm, das sie geöffnet hat.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Wrong PIN. This PIN is now locked. Ask a manager.</source>
        <translation>Falsche PIN. Diese PIN ist jetzt gesperrt. Fragen Sie die Filialleitung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a manager can do this. Ask a manager to enter their PIN.</source>
        <translation>Das darf nur die Filialleitung. Bitten Sie die Filialleitung, ihre PIN einzugeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This PIN cannot be used. Choose another one.</source>
        <translation>Diese PIN kann nicht verwendet werden. Wählen Sie eine andere.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A PIN has only digits.</source>
        <translation>Eine PIN besteht nur aus Ziffern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PIN has %1 to %2 digits.</source>
        <translation>Eine PIN hat %1 bis %2 Ziffern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This PIN is too easy to guess. Choose another one.</source>
        <translation>Diese PIN ist zu leicht zu erraten. Wählen Sie eine andere.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The terminal&apos;s database cannot be used right now. Restart the terminal; if it happens again, call IT support.</source>
        <translation>Die Datenbank des Terminals ist gerade nicht nutzbar. Starten Sie das Terminal neu; passiert es wieder, rufen Sie den IT-Support an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal&apos;s database is locked by another program. Close other copies of the terminal; if it persists, restart the computer.</source>
        <translation>Die Datenbank des Terminals ist durch ein anderes Programm gesperrt. Schließen Sie andere Instanzen des Terminals; bleibt es so, starten Sie den Computer neu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal&apos;s database is damaged or is not a loyalty database. Pending transactions may be inside: keep the file and call IT support.</source>
        <translation>Die Datenbank des Terminals ist beschädigt oder keine Kundenkarten-Datenbank. Sie kann ausstehende Vorgänge enthalten: Behalten Sie die Datei und rufen Sie den IT-Support an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal&apos;s database was written by a newer version of the terminal. Install that version again; do not delete the file.</source>
        <translation>Die Datenbank des Terminals wurde von einer neueren Terminal-Version geschrieben. Installieren Sie diese Version wieder; löschen Sie die Datei nicht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal could not upgrade its database to this version. Nothing was changed and a copy was kept. Call IT support: the details name both files.</source>
        <translation>Das Terminal konnte seine Datenbank nicht auf diese Version aktualisieren. Nichts wurde geändert, und eine Kopie wurde aufbewahrt. Rufen Sie den IT-Support an: Die Details nennen beide Dateien.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal must upgrade its database, but could not first save a copy of it, so nothing was changed. Free some disk space, then start the terminal again.</source>
        <translation>Das Terminal muss seine Datenbank aktualisieren, konnte aber zuvor keine Kopie davon speichern, daher wurde nichts geändert. Geben Sie Speicherplatz frei und starten Sie das Terminal dann neu.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The settings were not saved, nothing changed: %1 Check that the settings folder can be written, or ask IT.</source>
        <translation>Die Einstellungen wurden nicht gespeichert, nichts wurde geändert: %1 Prüfen Sie, ob der Einstellungsordner beschreibbar ist, oder fragen Sie die IT.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This cannot be done (%1). Try again, or ask a manager.</source>
        <translation>Das geht nicht (%1). Versuchen Sie es erneut oder fragen Sie die Filialleitung.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Something went wrong. Try again; if it happens again, ask a manager.</source>
        <translation>Etwas ist schiefgelaufen. Versuchen Sie es erneut; passiert es wieder, fragen Sie die Filialleitung.</translation>
    </message>
    <message numerus="yes">
        <location line="-736"/>
        <source>%n stamp(s) added: %1 of %2.</source>
        <translation>
            <numerusform>%n Stempel vergeben: %1 von %2.</numerusform>
            <numerusform>%n Stempel vergeben: %1 von %2.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+768"/>
        <source>Reward available: %1!</source>
        <translation>Prämie verfügbar: %1!</translation>
    </message>
    <message numerus="yes">
        <location line="-765"/>
        <source>Reward redeemed: %1. %n stamp(s) left.</source>
        <translation>
            <numerusform>Prämie eingelöst: %1. Noch %n Stempel.</numerusform>
            <numerusform>Prämie eingelöst: %1. Noch %n Stempel.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+777"/>
        <source>%1 for a purchase of %2. Balance: %3.</source>
        <translation>%1 für einen Einkauf von %2. Stand: %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reward redeemed: %1. Balance: %2.</source>
        <translation>Prämie eingelöst: %1. Stand: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Return of %1: %2 taken back.</source>
        <translation>Rückgabe von %1: %2 zurückgenommen.</translation>
    </message>
    <message numerus="yes">
        <location line="-790"/>
        <source>%n point(s) already spent, not taken back.</source>
        <translation>
            <numerusform>%n Punkt schon eingelöst, nicht zurückgenommen.</numerusform>
            <numerusform>%n Punkte schon eingelöst, nicht zurückgenommen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+797"/>
        <source>Balance: %1.</source>
        <translation>Stand: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="-794"/>
        <source>%n stamp(s) voided.</source>
        <translation>
            <numerusform>%n Stempel storniert.</numerusform>
            <numerusform>%n Stempel storniert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n stamp(s) already spent, not taken back.</source>
        <translation>
            <numerusform>%n Stempel schon eingelöst, nicht zurückgenommen.</numerusform>
            <numerusform>%n Stempel schon eingelöst, nicht zurückgenommen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+801"/>
        <source>Stamps: %1 of %2.</source>
        <translation>Stempel: %1 von %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Card %1 created.</source>
        <translation>Karte %1 angelegt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Welcome bonus: %1.</source>
        <translation>Willkommensbonus: %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Welcome bonus: %1. Balance: %2.</source>
        <translation>Willkommensbonus: %1. Stand: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 expired. Balance: %2.</source>
        <translation>Verfallen: %1. Stand: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points adjusted by %1. Balance: %2.</source>
        <translation>Punkte um %1 korrigiert. Stand: %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Card %1 deactivated.</source>
        <translation>Karte %1 deaktiviert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Card %1 reactivated.</source>
        <translation>Karte %1 reaktiviert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer details changed for card %1.</source>
        <translation>Kundendaten für Karte %1 geändert.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: purchase of %2 (%3), %4 still returnable</source>
        <translation>%1: Einkauf von %2 (%3), noch %4 rückgabefähig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: purchase of %2 (%3)</source>
        <translation>%1: Einkauf von %2 (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 given</source>
        <translation>%1: %2 vergeben</translation>
    </message>
</context>
</TS>
