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
        <location filename="../../fulfillment_app/ui/devices_view.py" line="66"/>
        <source>Station devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="78"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="78"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="78"/>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="108"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="78"/>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="79"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="79"/>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="84"/>
        <source>Read the scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="85"/>
        <source>Print a test label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="86"/>
        <source>Read a badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="87"/>
        <source>Read RFID tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="106"/>
        <source>Print queue: jobs waiting and failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="108"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="108"/>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="108"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="109"/>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="109"/>
        <source>What the printer said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="114"/>
        <source>Print it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="115"/>
        <source>Cancel the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="116"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="176"/>
        <source>No devices are configured for this station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="180"/>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="181"/>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="182"/>
        <source>reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="183"/>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="184"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="216"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="216"/>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="276"/>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="283"/>
        <source>Printing a test label on {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="291"/>
        <source>Scan a badge with {name} within {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="300"/>
        <source>Reading tags with {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="311"/>
        <source>The scale reads {weight}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="315"/>
        <source>The scale reads {weight} (not stable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="322"/>
        <source>The test label was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="332"/>
        <source>Nothing was scanned in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="335"/>
        <source>Badge read: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="339"/>
        <source>Read {code}: that is not a badge ({kind}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="348"/>
        <source>No tags were read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="351"/>
        <source>{count} tags read: {tags}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="375"/>
        <source>Job {job} was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/devices_view.py" line="394"/>
        <source>Job {job} was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExceptionsView</name>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="64"/>
        <source>Exceptions</source>
        <extracomment>Scanning an order&apos;s packing slip finds its item in the list.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="75"/>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="83"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="75"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="75"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="75"/>
        <source>Station or store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="76"/>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="83"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="76"/>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="83"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="80"/>
        <source>History (newest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="83"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="89"/>
        <source>Why (kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="93"/>
        <source>Pack short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="94"/>
        <source>Wait for stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="95"/>
        <source>Cancel the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="96"/>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="97"/>
        <source>Apply the store&apos;s change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="98"/>
        <source>Keep ours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="99"/>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="100"/>
        <source>Open the Stores screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="109"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="119"/>
        <source>Short pick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="120"/>
        <source>Short ship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="121"/>
        <source>Weight override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="122"/>
        <source>Changed in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="123"/>
        <source>Refused by the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="124"/>
        <source>Quarantined store order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="128"/>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="128"/>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="128"/>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="177"/>
        <source>Nothing is waiting for a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="180"/>
        <source>{count} waiting for a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="217"/>
        <source>Scan an order&apos;s packing slip to find it in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/exceptions_view.py" line="228"/>
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
    <name>LoginView</name>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="90"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="117"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="173"/>
        <source>Sign in</source>
        <extracomment>Badge scans reach :meth:`on_scan` through the window&apos;s scan listener. The badge just scanned, held only while its PIN is asked for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="91"/>
        <source>Scan your badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="94"/>
        <source>Hold your badge to the scanner: no need to click anything first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="107"/>
        <source>No badge? Type your name and PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="110"/>
        <source>your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="111"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="115"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="153"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="170"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="114"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="152"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="125"/>
        <source>Demo users (name / PIN / badge):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="126"/>
        <source>{name} ({role}): {pin} / {badge}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="138"/>
        <source>Set up this station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="142"/>
        <source>The database has no users yet. Create the first administrator; they can then add everyone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="149"/>
        <source>4 to 12 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="150"/>
        <source>the same PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="154"/>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="156"/>
        <source>Create administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="167"/>
        <source>Type your PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="176"/>
        <source>Cancel [Esc]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="223"/>
        <source>{name} ({role}): type your PIN to finish signing in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="257"/>
        <source>Create the administrator first; badges are added after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="266"/>
        <source>That is not a badge. Scan your badge to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="283"/>
        <source>Type your PIN, or press Esc to scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="286"/>
        <location filename="../../fulfillment_app/ui/login_view.py" line="321"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="297"/>
        <source>Type your name and your PIN, or scan your badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/login_view.py" line="310"/>
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
        <location filename="../../fulfillment_app/ui/main_window.py" line="118"/>
        <source>Fulfillment station (demo)</source>
        <extracomment>The sign-in screen is up (after the database opened), each time start-up succeeds. The outcome sounds every screen plays (``sounds.played`` records them for tests).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="120"/>
        <source>Fulfillment station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="141"/>
        <source>Database: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="143"/>
        <location filename="../../fulfillment_app/ui/main_window.py" line="323"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="145"/>
        <source>Station: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="168"/>
        <source>Working…</source>
        <extracomment>&quot;N fulfillments waiting for the store&quot; (empty while none wait).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="187"/>
        <source>Opening the database ({name})…</source>
        <extracomment>Keyboard-wedge scans from anywhere in the window, to the current screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="220"/>
        <source>The station&apos;s devices did not start: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="251"/>
        <source>{device} ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="253"/>
        <source>{device}: {state} ⚠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="271"/>
        <source>The station is still starting: scan again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="273"/>
        <source>This screen does not take scans: open Pack or Pick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="299"/>
        <source>1 fulfillment waiting for the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="301"/>
        <source>{count} fulfillments waiting for the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="316"/>
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
        <location filename="../../fulfillment_app/ui/pack_view.py" line="307"/>
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
        <location filename="../../fulfillment_app/ui/pack_view.py" line="209"/>
        <source>Own packaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="231"/>
        <source>Undo [Ctrl+Z]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="232"/>
        <source>RFID [F9]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="233"/>
        <source>Short ship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="234"/>
        <source>Close box [B]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="235"/>
        <source>Close order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="236"/>
        <source>Print label [P]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="237"/>
        <source>Print slip [S]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="290"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="335"/>
        <source>Order {number} resumed where it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="305"/>
        <source>Type a barcode or SKU, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="326"/>
        <source>No order is waiting to be packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="337"/>
        <source>Order {number}: scan the items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="348"/>
        <source>Order {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="350"/>
        <source>{store} · order {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="354"/>
        <source>(box {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="357"/>
        <source>Bring together: {totes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="407"/>
        <source>Nothing to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="428"/>
        <source>&apos;{word}&apos; does nothing while packing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="507"/>
        <source>Reading the scale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="511"/>
        <source>No scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="516"/>
        <source>Scan a packing slip or a tote to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="522"/>
        <source>Box: {box}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="522"/>
        <source>Box: own packaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="530"/>
        <source>The box is chosen once every item is packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="536"/>
        <source>Box {box}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="553"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="636"/>
        <source>Expected {expected} g ± {tolerance} g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="575"/>
        <source>{grams} g  stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="578"/>
        <source>Take the last box off the scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="596"/>
        <source>Scale not connected: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="597"/>
        <source>Scale offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="601"/>
        <source>Settling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="608"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="611"/>
        <source>Type the weight in grams, e.g. 850.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="685"/>
        <source>Not approved: check the box, then put it on the scale again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="817"/>
        <source>Order {number} packed: package {package} in box {box}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="820"/>
        <source>Verified by {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="823"/>
        <source>Shipped short: {items}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="828"/>
        <source>{title}: packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="831"/>
        <source>Box {package} closed: {remaining} pieces go in the next box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="901"/>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="913"/>
        <source>There is no closed package to print yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="942"/>
        <source>This station has no RFID reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="945"/>
        <source>Reading the RFID pad…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="964"/>
        <source>RFID: {n} found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="966"/>
        <source>Missing: {items}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="969"/>
        <source>Extra: {n} tags not of this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="1000"/>
        <source>Ship order {number} with {missing} pieces missing ({reason})?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="1032"/>
        <source>Order {number} is in the exceptions queue: put it aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="1069"/>
        <source>zone {zone} </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/pack_view.py" line="1070"/>
        <source>{zone}cart {cart} tote {slot} ({state})</source>
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
        <location filename="../../fulfillment_app/ui/main_window.py" line="90"/>
        <source>Fulfillment station</source>
        <extracomment>The outbox backlog is counted this often (and after each store sync).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../fulfillment_app/ui/main_window.py" line="93"/>
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
