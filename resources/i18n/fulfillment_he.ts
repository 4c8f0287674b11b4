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
