<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="he_IL">
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="24"/>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="27"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="27"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="27"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="27"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="28"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="28"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="28"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="35"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/audit_view.py" line="69"/>
        <source>{count} newest entries.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesView</name>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="54"/>
        <source>Station devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="66"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="66"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="66"/>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="96"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="66"/>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="67"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="67"/>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="72"/>
        <source>Read the scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="73"/>
        <source>Print a test label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="74"/>
        <source>Read a badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="75"/>
        <source>Read RFID tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="94"/>
        <source>Print queue: jobs waiting and failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="96"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="96"/>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="96"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="97"/>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="97"/>
        <source>What the printer said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="102"/>
        <source>Print it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="103"/>
        <source>Cancel the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="104"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="164"/>
        <source>No devices are configured for this station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="168"/>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="169"/>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="170"/>
        <source>reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="171"/>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="172"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="204"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="204"/>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="264"/>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="271"/>
        <source>Printing a test label on {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="279"/>
        <source>Scan a badge with {name} within {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="288"/>
        <source>Reading tags with {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="299"/>
        <source>The scale reads {weight}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="303"/>
        <source>The scale reads {weight} (not stable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="310"/>
        <source>The test label was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="320"/>
        <source>Nothing was scanned in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="323"/>
        <source>Badge read: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="327"/>
        <source>Read {code}: that is not a badge ({kind}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="336"/>
        <source>No tags were read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="339"/>
        <source>{count} tags read: {tags}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="363"/>
        <source>Job {job} was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="382"/>
        <source>Job {job} was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExceptionsView</name>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="43"/>
        <source>Exceptions</source>
        <extracomment>Scanning an order&apos;s packing slip finds its item in the list.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="54"/>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="62"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="54"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="54"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="54"/>
        <source>Station or store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="55"/>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="62"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="55"/>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="62"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="59"/>
        <source>History (newest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="62"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="68"/>
        <source>Why (kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="72"/>
        <source>Pack short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="73"/>
        <source>Wait for stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="74"/>
        <source>Cancel the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="75"/>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="76"/>
        <source>Apply the store&apos;s change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="77"/>
        <source>Keep ours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="78"/>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="79"/>
        <source>Open the Stores screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="88"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="98"/>
        <source>Short pick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="99"/>
        <source>Short ship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="100"/>
        <source>Weight override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="101"/>
        <source>Changed in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="102"/>
        <source>Refused by the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="103"/>
        <source>Quarantined store order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="107"/>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="107"/>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="107"/>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="156"/>
        <source>Nothing is waiting for a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="159"/>
        <source>{count} waiting for a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="196"/>
        <source>Scan an order&apos;s packing slip to find it in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="207"/>
        <source>Order {number} is not waiting for a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../fulfillment_app/ui/home_view.py" line="38"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/home_view.py" line="50"/>
        <source>Hello, {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/home_view.py" line="52"/>
        <source>Signed in as {role} at {station}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="20"/>
        <source>Import catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="24"/>
        <source>Import products…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="26"/>
        <source>Import locations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="35"/>
        <source>Import locations first, then products (a product&apos;s location must exist). Rows with problems are listed below and left out; the rest are imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="45"/>
        <source>Import products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="45"/>
        <source>Import locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="47"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="60"/>
        <source>Importing {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="80"/>
        <source>rejected: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/import_view.py" line="81"/>
        <source>warning: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelsSettingsView</name>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="71"/>
        <source>Company name</source>
        <extracomment>How long after the last change the preview is drawn again. The previews&apos; height on screen (pixels). The PNG each preview shows now, and the settings it was drawn with (tests read them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="72"/>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="73"/>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="74"/>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="75"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="87"/>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="90"/>
        <source>No logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="89"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="97"/>
        <source>Logo (PNG or JPEG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="100"/>
        <source>The customer&apos;s phone on the shipping label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="101"/>
        <source>The weight on the shipping label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="102"/>
        <source>The logo on the shipping label too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="111"/>
        <source>4 × 6 in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="111"/>
        <source>4 × 4 in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="111"/>
        <source>A6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="116"/>
        <source>{dpi} dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="118"/>
        <source>A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="118"/>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="122"/>
        <source>Shipping label size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="123"/>
        <source>Label printer resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="124"/>
        <source>Packing slip page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="128"/>
        <source>What the labels and slips print; the preview shows a sample order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="181"/>
        <source>Choose the logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_labels_view.py" line="183"/>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="106"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="133"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="190"/>
        <source>Sign in</source>
        <extracomment>Badge scans reach :meth:`on_scan` through the window&apos;s scan listener. The badge just scanned, held only while its PIN is asked for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="107"/>
        <source>Scan your badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="110"/>
        <source>Hold your badge to the scanner: no need to click anything first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="123"/>
        <source>No badge? Type your name and PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="126"/>
        <source>your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="127"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="131"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="170"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="187"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="130"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="169"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="141"/>
        <source>Demo users (name / PIN / badge):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="142"/>
        <source>{name} ({role}): {pin} / {badge}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="155"/>
        <source>Set up this station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="159"/>
        <source>The database has no users yet. Create the first administrator; they can then add everyone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="166"/>
        <source>4 to 12 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="167"/>
        <source>the same PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="171"/>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="173"/>
        <source>Create administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="184"/>
        <source>Type your PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="193"/>
        <source>Cancel [Esc]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="240"/>
        <source>{name} ({role}): type your PIN to finish signing in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="274"/>
        <source>Create the administrator first; badges are added after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="283"/>
        <source>That is not a badge. Scan your badge to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="300"/>
        <source>Type your PIN, or press Esc to scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="303"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="338"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="314"/>
        <source>Type your name and your PIN, or scan your badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="327"/>
        <source>The two PINs differ; type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fulfillment_app/ui/launch.py" line="55"/>
        <source>Something went wrong; it has been logged. Carry on, or tell a supervisor.</source>
        <extracomment>For start-up measurements (benchmarks/bench_startup_desktop.py): when set, the desktop prints SIGN_IN_SHOWN on its standard output once the sign-in screen is up, and closes.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="131"/>
        <source>Fulfillment station (demo)</source>
        <extracomment>The sign-in screen is up (after the database opened), each time start-up succeeds. The outcome sounds every screen plays (``sounds.played`` records them for tests).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="133"/>
        <source>Fulfillment station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="154"/>
        <source>Database: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="156"/>
        <location filename="../../fulfillment_app/ui/main_window.py" line="336"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="158"/>
        <source>Station: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="181"/>
        <source>Working…</source>
        <extracomment>&quot;N fulfillments waiting for the store&quot; (empty while none wait).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="200"/>
        <source>Opening the database ({name})…</source>
        <extracomment>Keyboard-wedge scans from anywhere in the window, to the current screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="233"/>
        <source>The station&apos;s devices did not start: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="264"/>
        <source>{device} ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="266"/>
        <source>{device}: {state} ⚠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="284"/>
        <source>The station is still starting: scan again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="286"/>
        <source>This screen does not take scans: open Pack or Pick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="312"/>
        <source>1 fulfillment waiting for the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="314"/>
        <source>{count} fulfillments waiting for the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="329"/>
        <source>User: {name} ({role})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderProgress</name>
    <message>
        <location filename="../../fulfillment_app/ui/pack_lines.py" line="246"/>
        <source>{packed} of {total} packed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="23"/>
        <source>Product weight in the catalogue is wrong</source>
        <extracomment>Why a weight is approved, offered first (any other reason may be typed).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="24"/>
        <source>Extra packing material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="25"/>
        <source>Scale checked and right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="38"/>
        <source>Supervisor approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="45"/>
        <source>Type the name or scan the badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="53"/>
        <source>Supervisor (name or badge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="54"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="55"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="60"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="61"/>
        <source>Cancel [Esc]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="80"/>
        <source>Badge read: now type the PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="89"/>
        <source>Type the supervisor&apos;s name or scan their badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="93"/>
        <source>A badge alone cannot approve: the supervisor types their PIN too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="97"/>
        <source>Give a reason for the approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="99"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackLinesModel</name>
    <message>
        <location filename="../../fulfillment_app/ui/pack_lines.py" line="83"/>
        <source>Product</source>
        <extracomment>Row colours by state (background, text): readable on a bright warehouse screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_lines.py" line="84"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_lines.py" line="85"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_lines.py" line="86"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_lines.py" line="87"/>
        <source>Packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_lines.py" line="179"/>
        <source>{packed} (short {short})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackView</name>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="72"/>
        <source>A badge alone cannot approve: the supervisor types their PIN too.</source>
        <extracomment>Each outcome its own colour (background, text) on the big banner.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="99"/>
        <source>Pack</source>
        <extracomment>Two readings this close (grams) are the same box on the scale. The label preview&apos;s width on screen (pixels). How often the scale is read while the order is on it, in milliseconds.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="138"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="319"/>
        <source>Type an order number, then Enter</source>
        <extracomment>&quot;start&quot; (no order), &quot;scan&quot;, &quot;weigh&quot; (every line packed) or &quot;closed&quot;. (code, is an order to start): scans and typed order numbers, answered in order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="142"/>
        <source>Next order [N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="187"/>
        <source>Weighing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="191"/>
        <source>Weight in grams, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="208"/>
        <source>Own packaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="230"/>
        <source>Undo [Ctrl+Z]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="231"/>
        <source>RFID [F9]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="232"/>
        <source>Short ship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="233"/>
        <source>Close box [B]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="234"/>
        <source>Close order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="235"/>
        <source>Print label [P]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="236"/>
        <source>Print slip [S]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="302"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="347"/>
        <source>Order {number} resumed where it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="317"/>
        <source>Type a barcode or SKU, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="338"/>
        <source>No order is waiting to be packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="349"/>
        <source>Order {number}: scan the items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="360"/>
        <source>Order {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="362"/>
        <source>{store} · order {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="366"/>
        <source>(box {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="369"/>
        <source>Bring together: {totes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="419"/>
        <source>Nothing to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="440"/>
        <source>&apos;{word}&apos; does nothing while packing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="519"/>
        <source>Reading the scale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="523"/>
        <source>No scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="528"/>
        <source>Scan a packing slip or a tote to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="534"/>
        <source>Box: {box}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="534"/>
        <source>Box: own packaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="542"/>
        <source>The box is chosen once every item is packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="548"/>
        <source>Box {box}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="565"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="648"/>
        <source>Expected {expected} g ± {tolerance} g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="587"/>
        <source>{grams} g  stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="590"/>
        <source>Take the last box off the scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="608"/>
        <source>Scale not connected: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="609"/>
        <source>Scale offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="613"/>
        <source>Settling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="620"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="623"/>
        <source>Type the weight in grams, e.g. 850.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="697"/>
        <source>Not approved: check the box, then put it on the scale again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="829"/>
        <source>Order {number} packed: package {package} in box {box}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="832"/>
        <source>Verified by {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="835"/>
        <source>Shipped short: {items}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="840"/>
        <source>{title}: packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="843"/>
        <source>Box {package} closed: {remaining} pieces go in the next box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="913"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="925"/>
        <source>There is no closed package to print yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="954"/>
        <source>This station has no RFID reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="957"/>
        <source>Reading the RFID pad…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="976"/>
        <source>RFID: {n} found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="978"/>
        <source>Missing: {items}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="981"/>
        <source>Extra: {n} tags not of this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="1012"/>
        <source>Ship order {number} with {missing} pieces missing ({reason})?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="1044"/>
        <source>Order {number} is in the exceptions queue: put it aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="1081"/>
        <source>zone {zone} </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="1082"/>
        <source>{zone}cart {cart} tote {slot} ({state})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackingSettingsView</name>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="49"/>
        <source>Box sides are inside measures in millimetres; weights in grams. Leave the maximum weight empty for a box that takes any weight.</source>
        <extracomment>The boxes table&apos;s columns, by what they hold. The number fields&apos; width (pixels): a few digits, not the window&apos;s width.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="55"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="56"/>
        <source>Length (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="57"/>
        <source>Width (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="58"/>
        <source>Height (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="59"/>
        <source>Tare (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="60"/>
        <source>Maximum weight (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="71"/>
        <source>Add a box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="72"/>
        <source>Remove the box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="80"/>
        <source>Boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="84"/>
        <source>Weight tolerance (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="85"/>
        <source>Weight tolerance (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="86"/>
        <source>Dunnage per box (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="93"/>
        <source>A box passes the weight gate within the larger of the two tolerances.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="156"/>
        <source>Box {row} needs a code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="165"/>
        <source>Box {code}: type a number for “{column}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="179"/>
        <source>The station needs at least one box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_packing_view.py" line="191"/>
        <source>Type a number, such as {example}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickView</name>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="97"/>
        <source>Pick</source>
        <extracomment>The product picture&apos;s largest side, in pixels.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="113"/>
        <source>Carry on [F9]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="137"/>
        <source>Go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="138"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="139"/>
        <source>Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="140"/>
        <source>Into tote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="164"/>
        <source>Type a code by hand and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="170"/>
        <source>Found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="177"/>
        <source>Record short pick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="184"/>
        <source>Next cart [F5]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="185"/>
        <source>Short [F6]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="186"/>
        <source>Skip [F7]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="187"/>
        <source>Pause [F8]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="236"/>
        <source>&apos;{command}&apos; does nothing while picking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="246"/>
        <source>There is no pick to scan for: take the next cart (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="251"/>
        <source>That scan could not be read: scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="259"/>
        <source>Location right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="276"/>
        <source>Carry on: {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="290"/>
        <source>No cart is waiting. Ask a supervisor to release work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="327"/>
        <source>There is no pick to report short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="336"/>
        <source>How many did you find, and why is it short? Then Record (or scan CMD:CONFIRM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="384"/>
        <source>Read the store&apos;s change first, then scan CMD:CONFIRM or press F9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="404"/>
        <source>Scan the location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="407"/>
        <source>Scan the item ({sku}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="409"/>
        <source>Scan the item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="412"/>
        <source>Put it in tote {slot} and scan the tote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="427"/>
        <source>Scan CMD:CONFIRM or press F9 to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="437"/>
        <source>No cart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="447"/>
        <source>Cart {cart}, zone {zone}: {done} of {total} done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="449"/>
        <source>Cart {cart}: {done} of {total} done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="452"/>
        <source>Totes  {totes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="464"/>
        <source>Take the cart to packing, then the next cart (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="466"/>
        <source>Take the next cart (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="476"/>
        <source>Take {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="476"/>
        <source>PUT BACK {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pick_view.py" line="479"/>
        <source>{name}
{sku} · order {order}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <location filename="../../fulfillment_app/ui/screen.py" line="67"/>
        <source>The screen “{title}” is not part of this version yet.</source>
        <extracomment>The signed-in user the screen acts for (set each time it is opened).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="31"/>
        <source>Release work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="36"/>
        <source>Totes a cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="41"/>
        <source>Items a cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="46"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="53"/>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="54"/>
        <source>any cut-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="55"/>
        <source>Only orders to ship within this many hours (a wave)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="56"/>
        <source>Due within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="58"/>
        <source>A cart per zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="65"/>
        <source>Cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="65"/>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="65"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="65"/>
        <source>Walk (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="74"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="76"/>
        <source>Release to the pickers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="104"/>
        <source>Planning …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="123"/>
        <source>{cart} (zone {zone})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="134"/>
        <source>{carts} carts, {orders} orders: {walk} m of walking against {baseline} m for first-come carts walked aisle by aisle ({saving} less).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="144"/>
        <source>Not planned (a product without a location): {orders}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="148"/>
        <source>No open order to plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="169"/>
        <source>Released 1 cart ({orders} orders, {picks} picks): pickers take it from the Pick screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/plan_view.py" line="174"/>
        <source>Released {carts} carts ({orders} orders, {picks} picks): pickers take them from the Pick screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../fulfillment_app/ui/screen.py" line="27"/>
        <source>Back [Esc]</source>
        <extracomment>Whether scans (keyboard wedge or serial) go to :meth:`on_scan` while it is shown; a scan on a screen that takes none is refused in the status bar.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../fulfillment_app/ui/settings_form.py" line="58"/>
        <source>Save</source>
        <extracomment>The settings file&apos;s section this form edits. The form&apos;s column; the subclass sets it on itself or on a part of itself.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_form.py" line="59"/>
        <source>Undo changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_form.py" line="119"/>
        <source>Not saved: correct the field marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_form.py" line="140"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_form.py" line="147"/>
        <source>Saved to the settings file; the station uses it from now on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsProductsView</name>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="57"/>
        <source>Products missing data</source>
        <extracomment>The editable columns and the product field each one sets.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="62"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="62"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="62"/>
        <source>Weight (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="62"/>
        <source>Length (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="63"/>
        <source>Width (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="63"/>
        <source>Height (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="63"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="64"/>
        <source>Barcodes (code ×pieces)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="64"/>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="64"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="76"/>
        <source>Double-click a cell to fill it in; it is saved when you leave it. Barcodes: codes separated by commas, a case&apos;s with ×6 after it for six pieces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="83"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="109"/>
        <source>{count} product(s) miss a weight, a barcode or a location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="114"/>
        <source>Every product has a weight, a barcode and a location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="118"/>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="119"/>
        <source>barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="120"/>
        <source>location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="124"/>
        <source>(from store sync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="171"/>
        <source>{sku} is complete and leaves the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_products_view.py" line="182"/>
        <source>{sku}: {what} saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsStoresView</name>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="40"/>
        <source>never</source>
        <extracomment>(name shown, platform): brand names, the same in every language.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="57"/>
        <source>Stores</source>
        <extracomment>A sync&apos;s progress, emitted on the sync&apos;s thread and shown on the GUI thread.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="64"/>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="64"/>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="110"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="64"/>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="82"/>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="116"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="64"/>
        <source>Syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="65"/>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="65"/>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="75"/>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="65"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="71"/>
        <source>The chosen store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="73"/>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="192"/>
        <source>Choose a store in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="77"/>
        <source>Save the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="84"/>
        <source>Test the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="85"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="86"/>
        <source>Cancel the sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="87"/>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="197"/>
        <source>Stop syncing this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="104"/>
        <source>Connect a store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="112"/>
        <source>e.g. Main shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="113"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="115"/>
        <source>https://shop.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="118"/>
        <source>Keep the secrets in this station&apos;s keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="119"/>
        <source>Read them from environment variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="126"/>
        <source>Secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="133"/>
        <source>Connect the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="139"/>
        <source>Secrets are never kept in the database or the settings file: a password typed here goes to the keyring; otherwise give the NAME of the environment variable that holds it on this station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="167"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="167"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="197"/>
        <source>Sync this store again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="199"/>
        <source>{when}; {orders} orders from this store in all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="203"/>
        <source>Problem: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="211"/>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="212"/>
        <source>Consumer key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="213"/>
        <source>Consumer secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="227"/>
        <source>the secret (kept in the keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="229"/>
        <source>NAME of the environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="242"/>
        <source>Store {name} is connected: test it, then sync it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="285"/>
        <source>The address of {name} is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="298"/>
        <source>{name} is synced again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="298"/>
        <source>{name} is no longer synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="311"/>
        <source>Asking {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="331"/>
        <source>Syncing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="345"/>
        <source>Stopping at the next safe point…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="358"/>
        <source>{store}: {orders} orders read, {delivered} fulfillments sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="373"/>
        <source>{station} is syncing this store now; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="382"/>
        <source>Sync cancelled after {orders} orders; what was read is kept, and the next sync goes on from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_stores_view.py" line="392"/>
        <source>Synced: {new} new orders, {updated} updated, {quarantined} quarantined; {delivered} fulfillments sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../fulfillment_app/ui/settings_view.py" line="25"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_view.py" line="30"/>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/settings_view.py" line="31"/>
        <source>Packing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortShipDialog</name>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="116"/>
        <source>Short ship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="119"/>
        <source>The order goes to the exceptions queue for a supervisor. Why is it short?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="130"/>
        <source>Send to exceptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="131"/>
        <source>Ship short (supervisor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="132"/>
        <source>Cancel [Esc]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="144"/>
        <location filename="../../fulfillment_app/ui/pack_dialogs.py" line="152"/>
        <source>Say why the order cannot be packed complete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartupView</name>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="103"/>
        <source>Fulfillment station</source>
        <extracomment>The outbox backlog is counted this often (and after each store sync).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="106"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoresView</name>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="55"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="68"/>
        <source>Stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="76"/>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="105"/>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="116"/>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="76"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="76"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="76"/>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="77"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="77"/>
        <source>Parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="77"/>
        <source>Quarantined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="77"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="86"/>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="105"/>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="116"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="86"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="86"/>
        <source>What the store did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="87"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="87"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="92"/>
        <source>Why (kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="93"/>
        <source>Apply the store&apos;s change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="94"/>
        <source>Keep ours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="100"/>
        <source>Store changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="105"/>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="105"/>
        <source>What the store said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="108"/>
        <source>Send again at the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="111"/>
        <source>Refused fulfillments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="116"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="116"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="121"/>
        <source>The order as the store sent it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="124"/>
        <source>Quarantined orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="127"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="131"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="135"/>
        <source>An admin connects stores with &apos;fulfillment stores add&apos; (see README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="177"/>
        <source>Store changes ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="178"/>
        <source>Refused fulfillments ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="180"/>
        <source>Quarantined orders ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="186"/>
        <source>No store is connected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="188"/>
        <source>{count} store(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="205"/>
        <source>Choose a change in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="218"/>
        <source>Choose a refused fulfillment in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/stores_view.py" line="223"/>
        <source>It will be sent again at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="19"/>
        <source>Stores: first sync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="21"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="34"/>
        <source>{store}: syncing orders… {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="37"/>
        <source>{store}: syncing fulfillments… {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="44"/>
        <source>Stores: none connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="46"/>
        <source>An admin connects stores with &apos;fulfillment stores add&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="55"/>
        <source>Stores: problem at {time} ⚠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="58"/>
        <source>, {count} to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="60"/>
        <source>, {count} need a supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/sync_status.py" line="62"/>
        <source>Stores: synced {time} ({count} new{extra})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="35"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="40"/>
        <location filename="../../fulfillment_app/ui/users_view.py" line="69"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="40"/>
        <location filename="../../fulfillment_app/ui/users_view.py" line="70"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="40"/>
        <location filename="../../fulfillment_app/ui/users_view.py" line="72"/>
        <source>Badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="40"/>
        <source>Locked until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="41"/>
        <source>Last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="49"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="51"/>
        <source>Unlock selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="58"/>
        <source>Add a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="64"/>
        <source>4 to 12 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="66"/>
        <source>optional: scan the badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="67"/>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="71"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="80"/>
        <source>picker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="81"/>
        <source>packer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="82"/>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="83"/>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="101"/>
        <source>Select the user to unlock first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="107"/>
        <source>{name} is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="129"/>
        <source>{name} is added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/users_view.py" line="144"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
