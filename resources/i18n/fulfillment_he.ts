<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="he_IL">
<context>
    <name>AuditView</name>
    <message>
        <source>Audit log</source>
        <translation>יומן ביקורת</translation>
    </message>
    <message>
        <source>When</source>
        <translation>מתי</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>מי</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>עמדה</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>פעולה</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>על מה</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>סיבה</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>שינוי</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>רענון</translation>
    </message>
    <message>
        <source>{count} newest entries.</source>
        <translation>‏{count} הרשומות האחרונות.</translation>
    </message>
</context>
<context>
    <name>CarrierBar</name>
    <message>
        <source>Carrier:</source>
        <translation>חברת שילוח:</translation>
    </message>
    <message>
        <source>Pickup points…</source>
        <translation>נקודות איסוף…</translation>
    </message>
    <message>
        <source>As the rules say ({carrier})</source>
        <translation>לפי הכללים ({carrier})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ללא</translation>
    </message>
    <message>
        <source>The customer collects at the shop.</source>
        <translation>הלקוח אוסף מהחנות.</translation>
    </message>
    <message>
        <source>Pickup point: {name} ({id})</source>
        <translation>נקודת איסוף: {name} ({id})</translation>
    </message>
    <message>
        <source>To the customer's address.</source>
        <translation>לכתובת הלקוח.</translation>
    </message>
    <message>
        <source>Asking {carrier} for pickup points…</source>
        <translation>מבקשים מ-{carrier} את נקודות האיסוף…</translation>
    </message>
    <message>
        <source>{carrier} has no pickup point near this address.</source>
        <translation>אין ל-{carrier} נקודת איסוף ליד הכתובת הזו.</translation>
    </message>
</context>
<context>
    <name>CountView</name>
    <message>
        <source>Count stock</source>
        <extracomment>A line whose count differs from what we hold.</extracomment>
        <translation>ספירת מלאי</translation>
    </message>
    <message>
        <source>SKU</source>
        <extracomment>The location being counted, and what was scanned there (in order).</extracomment>
        <translation>מק"ט</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>מוצר</translation>
    </message>
    <message>
        <source>We hold</source>
        <translation>במלאי אצלנו</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>נספר</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>הפרש</translation>
    </message>
    <message>
        <source>Undo last scan [Ctrl+Z]</source>
        <translation>ביטול הסריקה האחרונה [Ctrl+Z]</translation>
    </message>
    <message>
        <source>Finish count [F]</source>
        <translation>סיום הספירה [F]</translation>
    </message>
    <message>
        <source>Drop this count</source>
        <translation>ביטול הספירה</translation>
    </message>
    <message>
        <source>'{word}' does nothing while counting.</source>
        <translation>'{word}' לא עושה דבר בזמן ספירה.</translation>
    </message>
    <message>
        <source>You are counting {location} already: scan its items.</source>
        <translation>כבר סופרים את {location}‏: סרקו את הפריטים שבו.</translation>
    </message>
    <message>
        <source>You are counting {location}: finish this count (or drop it) before starting {other}.</source>
        <translation>סופרים עכשיו את {location}‏: סיימו את הספירה (או בטלו אותה) לפני שמתחילים את {other}.</translation>
    </message>
    <message>
        <source>{code} is not a product we know: it is not counted.</source>
        <translation>‏{code} אינו מוצר מוכר: הוא לא נספר.</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>אין מה לבטל.</translation>
    </message>
    <message>
        <source>The scan of {code} was taken back.</source>
        <translation>הסריקה של {code} בוטלה.</translation>
    </message>
    <message>
        <source>The count was dropped: nothing changed.</source>
        <translation>הספירה בוטלה: שום דבר לא השתנה.</translation>
    </message>
    <message>
        <source>Scan a location's label to count it.</source>
        <translation>סרקו את התווית של מיקום כדי לספור אותו.</translation>
    </message>
    <message>
        <source>Count of {location} saved: {n} products changed.</source>
        <translation>הספירה של {location} נשמרה: {n} מוצרים השתנו.</translation>
    </message>
    <message>
        <source>Count of {location} saved: everything matched.</source>
        <translation>הספירה של {location} נשמרה: הכול תאם.</translation>
    </message>
    <message>
        <source>Scan a location's label</source>
        <translation>סרקו את התווית של מיקום</translation>
    </message>
    <message>
        <source>Type a location code, then Enter</source>
        <translation>הקלידו קוד מיקום ואז Enter</translation>
    </message>
    <message>
        <source>Counting {location}</source>
        <translation>סופרים את {location}</translation>
    </message>
    <message>
        <source>Type a barcode or SKU, then Enter</source>
        <translation>הקלידו ברקוד או מק"ט ואז Enter</translation>
    </message>
    <message>
        <source>{scans} scans; {differ} products differ from what we hold.</source>
        <translation>‏{scans} סריקות; {differ} מוצרים שונים ממה שרשום אצלנו.</translation>
    </message>
    <message>
        <source>Not counted (unknown codes): {codes}</source>
        <translation>לא נספרו (קודים לא מוכרים): {codes}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Overdue</source>
        <extracomment>How often the figures are fetched again while the dashboard is shown. The backlog's age bands against the cut-off, as people read them.</extracomment>
        <translation>באיחור</translation>
    </message>
    <message>
        <source>Within 2 h</source>
        <translation>תוך שעתיים</translation>
    </message>
    <message>
        <source>In 2–8 h</source>
        <translation>בעוד 2 עד 8 שעות</translation>
    </message>
    <message>
        <source>In 8–24 h</source>
        <translation>בעוד 8 עד 24 שעות</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>מאוחר יותר</translation>
    </message>
    <message>
        <source>No cut-off</source>
        <translation>ללא מועד משלוח</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>תפוקה</translation>
    </message>
    <message>
        <source>Show each person's figures</source>
        <extracomment>Fetches started (for tests: the refresh keeps going, one at a time).</extracomment>
        <translation>הצגת הנתונים של כל עובד</translation>
    </message>
    <message>
        <source>Individual figures are for supervisors; the team's are shown by default.</source>
        <translation>נתונים אישיים מיועדים לאחראי משמרת; כברירת מחדל מוצגים נתוני הצוות.</translation>
    </message>
    <message>
        <source>Save shift report…</source>
        <translation>שמירת דוח משמרת…</translation>
    </message>
    <message>
        <source>Orders packed</source>
        <translation>הזמנות שנארזו</translation>
    </message>
    <message>
        <source>Lines picked</source>
        <translation>שורות שלוקטו</translation>
    </message>
    <message>
        <source>Units picked</source>
        <translation>יחידות שלוקטו</translation>
    </message>
    <message>
        <source>Lines packed</source>
        <translation>שורות שנארזו</translation>
    </message>
    <message>
        <source>Units packed</source>
        <translation>יחידות שנארזו</translation>
    </message>
    <message>
        <source>Fair score (1.00 = as expected)</source>
        <translation>ציון הוגן (1.00 = כצפוי)</translation>
    </message>
    <message>
        <source>Waiting for the stores</source>
        <translation>ממתינים לדיווח לחנויות</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>הזמנות ממתינות</translation>
    </message>
    <message>
        <source>At risk of missing the cut-off</source>
        <translation>בסיכון לפספס את מועד המשלוח</translation>
    </message>
    <message>
        <source>Shipped on time</source>
        <translation>נשלחו בזמן</translation>
    </message>
    <message>
        <source>Fill rate</source>
        <translation>שיעור מילוי</translation>
    </message>
    <message>
        <source>Pick accuracy</source>
        <translation>דיוק ליקוט</translation>
    </message>
    <message>
        <source>Pack accuracy</source>
        <translation>דיוק אריזה</translation>
    </message>
    <message>
        <source>Time lost to the system</source>
        <translation>זמן שאבד בגלל המערכת</translation>
    </message>
    <message>
        <source>Time in tasks</source>
        <translation>זמן במשימות</translation>
    </message>
    <message>
        <source>Throughput by hour</source>
        <translation>תפוקה לפי שעה</translation>
    </message>
    <message>
        <source>Backlog by cut-off</source>
        <translation>הזמנות ממתינות לפי מועד משלוח</translation>
    </message>
    <message>
        <source>Accuracy: scan problems</source>
        <translation>דיוק: בעיות סריקה</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>שעה</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>לפי שעה</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>עבודה</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>משימות</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>צפוי</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>בפועל</translation>
    </message>
    <message>
        <source>Lost to the system</source>
        <translation>אבד בגלל המערכת</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>ציון</translation>
    </message>
    <message>
        <source>Fair productivity</source>
        <translation>פריון הוגן</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>עובד</translation>
    </message>
    <message>
        <source>Lines picked / h</source>
        <translation>שורות שלוקטו לשעה</translation>
    </message>
    <message>
        <source>Units packed / h</source>
        <translation>יחידות שנארזו לשעה</translation>
    </message>
    <message>
        <source>Active / signed in</source>
        <translation>פעיל / מחובר</translation>
    </message>
    <message>
        <source>Between tasks</source>
        <translation>בין משימות</translation>
    </message>
    <message>
        <source>People</source>
        <translation>עובדים</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>אזור</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>אזורים</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>עמדה</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>עמדות</translation>
    </message>
    <message>
        <source>Status or cut-off</source>
        <translation>מצב או מועד משלוח</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>הזמנות</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>הזמנה</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>מצב</translation>
    </message>
    <message>
        <source>Cut-off</source>
        <translation>מועד משלוח</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>זמן שנותר</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>בסיכון</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>חנות</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>סנכרון אחרון</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>ממתינים</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>מושהים</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>בעיה</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>חנויות</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>עודכן ב-{time}</translation>
    </message>
    <message>
        <source>The figures took {ms} ms to compute.</source>
        <translation>חישוב הנתונים ארך {ms} אלפיות שנייה.</translation>
    </message>
    <message>
        <source>{count} tasks</source>
        <translation>‏{count} משימות</translation>
    </message>
    <message>
        <source>{count} overdue</source>
        <translation>‏{count} באיחור</translation>
    </message>
    <message>
        <source>of {count} shipped</source>
        <translation>מתוך {count} שנשלחו</translation>
    </message>
    <message>
        <source>{wrong} wrong of {scans} scans</source>
        <translation>‏{wrong} שגויות מתוך {scans} סריקות</translation>
    </message>
    <message>
        <source>Sync problem: {stores}</source>
        <translation>בעיית סנכרון: {stores}</translation>
    </message>
    <message>
        <source>Every store in sync</source>
        <translation>כל החנויות מסונכרנות</translation>
    </message>
    <message>
        <source>carts and pack sessions</source>
        <translation>עגלות ואריזות</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>שגוי</translation>
    </message>
    <message>
        <source>Too many</source>
        <translation>עודף</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>לא מוכר</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>משקל</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>ליקוט</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>אריזה</translation>
    </message>
    <message>
        <source>{active} of {signed_in} ({share})</source>
        <translation>‏{active} מתוך {signed_in} ({share})</translation>
    </message>
    <message>
        <source>{time} late</source>
        <translation>באיחור של {time}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>אין</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>‏(ללא)</translation>
    </message>
    <message>
        <source>Carts picked</source>
        <translation>עגלות שלוקטו</translation>
    </message>
    <message>
        <source>Packing: {kind}</source>
        <translation>אריזה: {kind}</translation>
    </message>
    <message>
        <source>All work</source>
        <translation>כל העבודה</translation>
    </message>
    <message>
        <source>Save the shift report</source>
        <translation>שמירת דוח המשמרת</translation>
    </message>
    <message>
        <source>PDF document (*.pdf);;CSV table (*.csv)</source>
        <translation>מסמך PDF (*.pdf);;טבלת CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saving the shift report…</source>
        <translation>שומר את דוח המשמרת…</translation>
    </message>
    <message>
        <source>The shift report was saved to {path}.</source>
        <translation>דוח המשמרת נשמר ב-{path}.</translation>
    </message>
</context>
<context>
    <name>DevicesView</name>
    <message>
        <source>Station devices</source>
        <translation>ציוד העמדה</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>מכשיר</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>סוג</translation>
    </message>
    <message>
        <source>State</source>
        <translation>מצב</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>עכשיו</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>שגיאה אחרונה</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>מאז</translation>
    </message>
    <message>
        <source>Read the scale</source>
        <translation>קריאת המשקל</translation>
    </message>
    <message>
        <source>Print a test label</source>
        <translation>הדפסת מדבקת ניסיון</translation>
    </message>
    <message>
        <source>Read a badge</source>
        <translation>קריאת תג</translation>
    </message>
    <message>
        <source>Read RFID tags</source>
        <translation>קריאת תגי RFID</translation>
    </message>
    <message>
        <source>Print queue: jobs waiting and failed</source>
        <translation>תור ההדפסה: עבודות ממתינות ועבודות שנכשלו</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>עבודה</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>מדפסת</translation>
    </message>
    <message>
        <source>What</source>
        <translation>מה</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>ניסיונות</translation>
    </message>
    <message>
        <source>What the printer said</source>
        <translation>מה המדפסת ענתה</translation>
    </message>
    <message>
        <source>Print it now</source>
        <translation>הדפסה עכשיו</translation>
    </message>
    <message>
        <source>Cancel the job</source>
        <translation>ביטול העבודה</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>רענון</translation>
    </message>
    <message>
        <source>No devices are configured for this station.</source>
        <translation>לא הוגדר ציוד לעמדה הזו.</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>מתחבר</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>מחובר</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>מתחבר מחדש</translation>
    </message>
    <message>
        <source>error</source>
        <translation>שגיאה</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>עצר</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>נכשל</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ממתין</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>קורא את {name}…</translation>
    </message>
    <message>
        <source>Printing a test label on {name}…</source>
        <translation>מדפיס מדבקת ניסיון ב-{name}…</translation>
    </message>
    <message>
        <source>Scan a badge with {name} within {seconds} seconds.</source>
        <translation>סרקו תג ב-{name} תוך {seconds} שניות.</translation>
    </message>
    <message>
        <source>Reading tags with {name}…</source>
        <translation>קורא תגים עם {name}…</translation>
    </message>
    <message>
        <source>The scale reads {weight}.</source>
        <translation>המשקל מראה {weight}.</translation>
    </message>
    <message>
        <source>The scale reads {weight} (not stable).</source>
        <translation>המשקל מראה {weight} (לא יציב).</translation>
    </message>
    <message>
        <source>The test label was printed.</source>
        <translation>מדבקת הניסיון הודפסה.</translation>
    </message>
    <message>
        <source>Nothing was scanned in time.</source>
        <translation>לא נסרק כלום בזמן.</translation>
    </message>
    <message>
        <source>Badge read: {code}</source>
        <translation>התג נקרא: {code}</translation>
    </message>
    <message>
        <source>Read {code}: that is not a badge ({kind}).</source>
        <translation>נקרא {code}‏: זה לא תג ({kind}).</translation>
    </message>
    <message>
        <source>No tags were read.</source>
        <translation>לא נקראו תגים.</translation>
    </message>
    <message>
        <source>{count} tags read: {tags}</source>
        <translation>נקראו {count} תגים: {tags}</translation>
    </message>
    <message>
        <source>Job {job} was printed.</source>
        <translation>עבודה {job} הודפסה.</translation>
    </message>
    <message>
        <source>Job {job} was cancelled.</source>
        <translation>עבודה {job} בוטלה.</translation>
    </message>
</context>
<context>
    <name>ExceptionsView</name>
    <message>
        <source>Exceptions</source>
        <extracomment>Scanning an order's packing slip finds its item in the list.</extracomment>
        <translation>חריגים</translation>
    </message>
    <message>
        <source>What</source>
        <translation>מה</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>הזמנה</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>למה</translation>
    </message>
    <message>
        <source>Station or store</source>
        <translation>עמדה או חנות</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>מי</translation>
    </message>
    <message>
        <source>When</source>
        <translation>מתי</translation>
    </message>
    <message>
        <source>History (newest first)</source>
        <translation>היסטוריה (החדש למעלה)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>מאת</translation>
    </message>
    <message>
        <source>Why (kept in the audit log)</source>
        <translation>סיבה (נשמרת ביומן הביקורת)</translation>
    </message>
    <message>
        <source>Pack short</source>
        <translation>לארוז חסר</translation>
    </message>
    <message>
        <source>Wait for stock</source>
        <translation>לחכות למלאי</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>ביטול ההזמנה</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>אישור קריאה</translation>
    </message>
    <message>
        <source>Apply the store's change</source>
        <translation>להחיל את השינוי של החנות</translation>
    </message>
    <message>
        <source>Keep ours</source>
        <translation>להשאיר את שלנו</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>שליחה חוזרת</translation>
    </message>
    <message>
        <source>Open the Stores screen</source>
        <translation>פתיחת מסך החנויות</translation>
    </message>
    <message>
        <source>Ship it now</source>
        <translation>לשלוח עכשיו</translation>
    </message>
    <message>
        <source>Cancel the shipment</source>
        <translation>ביטול המשלוח</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>רענון</translation>
    </message>
    <message>
        <source>Short pick</source>
        <translation>ליקוט חסר</translation>
    </message>
    <message>
        <source>Short ship</source>
        <translation>משלוח חסר</translation>
    </message>
    <message>
        <source>Weight override</source>
        <translation>אישור חריגת משקל</translation>
    </message>
    <message>
        <source>Changed in the store</source>
        <translation>שונתה בחנות</translation>
    </message>
    <message>
        <source>Refused by the store</source>
        <translation>נדחתה על ידי החנות</translation>
    </message>
    <message>
        <source>Quarantined store order</source>
        <translation>הזמנת חנות בהסגר</translation>
    </message>
    <message>
        <source>Shipment held</source>
        <translation>משלוח מעוכב</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>סריקה</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>ביקורת</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>חנות</translation>
    </message>
    <message>
        <source>Nothing is waiting for a supervisor.</source>
        <translation>אין שום דבר שממתין לאחראי משמרת.</translation>
    </message>
    <message>
        <source>{count} waiting for a supervisor.</source>
        <translation>‏{count} ממתינים לאחראי משמרת.</translation>
    </message>
    <message>
        <source>Scan an order's packing slip to find it in the list.</source>
        <translation>סרקו תעודת משלוח של הזמנה כדי למצוא אותה ברשימה.</translation>
    </message>
    <message>
        <source>Order {number} is not waiting for a supervisor.</source>
        <translation>הזמנה {number} לא ממתינה לאחראי משמרת.</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <source>{value} %</source>
        <extracomment>The figure's colour for an outcome, dark enough to read on the tile's white (the theme's outcome blocks are for sentences; a tile colours only its number). Shown where there is nothing to divide by (no scans, no orders, no time yet).</extracomment>
        <translation>‏{value}%</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>‏{seconds} שנ׳</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>‏{minutes} דק׳ {seconds} שנ׳</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>‏{hours} שע׳ {minutes} דק׳</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>‏{minutes} דק׳</translation>
    </message>
    <message>
        <source>{rate} an hour</source>
        <translation>‏{rate} לשעה</translation>
    </message>
    <message>
        <source>open</source>
        <translation>פתוחה</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>בהמתנה</translation>
    </message>
    <message>
        <source>being picked</source>
        <translation>בליקוט</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>לוקטה</translation>
    </message>
    <message>
        <source>being packed</source>
        <translation>באריזה</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>בחריגים</translation>
    </message>
    <message>
        <source>single item</source>
        <translation>פריט בודד</translation>
    </message>
    <message>
        <source>one SKU, several units</source>
        <translation>מק"ט אחד, כמה יחידות</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>מעורבת</translation>
    </message>
    <message>
        <source>These figures count what the system records as work is done: orders, lines and units picked and packed, scans that were wrong or too many, weight exceptions, and when carts and pack sessions start and finish. Each cart and each pack session gets an expected time from what it asked (the planned walk, locations, lines, units, the kind of order), learnt from this warehouse's own history; the score is expected time divided by actual time, so 1.0 means as expected. Time lost to the system (stock not at its location, a device or printer fault, a store changing the order) is taken out of the person's time. Nothing else is recorded: no location tracking, no keystrokes, no camera. Team figures are shown by default; only supervisors see individual figures, and everyone can see their own.</source>
        <translation>הנתונים האלה סופרים את מה שהמערכת רושמת בזמן העבודה: הזמנות, שורות ויחידות שלוקטו ונארזו, סריקות שגויות או עודפות, חריגות משקל, ומתי עגלות ואריזות מתחילות ומסתיימות. לכל עגלה ולכל אריזה נקבע זמן צפוי לפי מה שנדרש בה (מסלול ההליכה המתוכנן, מיקומים, שורות, יחידות, סוג ההזמנה), כפי שנלמד מההיסטוריה של המחסן הזה; הציון הוא הזמן הצפוי חלקי הזמן בפועל, כך ש-1.0 פירושו כצפוי. זמן שאבד בגלל המערכת (מלאי שלא היה במקומו, תקלה במכשיר או במדפסת, חנות ששינתה את ההזמנה) מנוכה מהזמן של העובד. שום דבר אחר לא נרשם: אין מעקב מיקום, אין תיעוד הקשות, אין מצלמה. כברירת מחדל מוצגים נתוני הצוות; רק אחראי משמרת רואים נתונים אישיים, וכל אחד יכול לראות את הנתונים שלו.</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>Sign out</source>
        <translation>יציאה</translation>
    </message>
    <message>
        <source>Hello, {name}</source>
        <translation>שלום, {name}</translation>
    </message>
    <message>
        <source>Signed in as {role} at {station}.</source>
        <translation>מחובר/ת כ{role} בעמדה {station}.</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <source>Import catalogue</source>
        <translation>ייבוא קטלוג</translation>
    </message>
    <message>
        <source>Import products…</source>
        <translation>ייבוא מוצרים…</translation>
    </message>
    <message>
        <source>Import locations…</source>
        <translation>ייבוא מיקומים…</translation>
    </message>
    <message>
        <source>Import locations first, then products (a product's location must exist). Rows with problems are listed below and left out; the rest are imported.</source>
        <translation>קודם מייבאים מיקומים ואחר כך מוצרים (המיקום של מוצר חייב להיות קיים). שורות עם בעיות מופיעות למטה ולא מיובאות; כל השאר מיובא.</translation>
    </message>
    <message>
        <source>Import products</source>
        <translation>ייבוא מוצרים</translation>
    </message>
    <message>
        <source>Import locations</source>
        <translation>ייבוא מיקומים</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>קובצי CSV (*.csv);;כל הקבצים (*)</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>מייבא את {file}…</translation>
    </message>
    <message>
        <source>rejected: {problem}</source>
        <translation>נדחה: {problem}</translation>
    </message>
    <message>
        <source>warning: {problem}</source>
        <translation>אזהרה: {problem}</translation>
    </message>
</context>
<context>
    <name>LabelsSettingsView</name>
    <message>
        <source>Company name</source>
        <extracomment>How long after the last change the preview is drawn again. The previews' height on screen (pixels). The PNG each preview shows now, and the settings it was drawn with (tests read them).</extracomment>
        <translation>שם החברה</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>רחוב</translation>
    </message>
    <message>
        <source>City</source>
        <translation>עיר</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>מיקוד</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>מדינה</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>ללא לוגו</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>בחירה…</translation>
    </message>
    <message>
        <source>Logo (PNG or JPEG)</source>
        <translation>לוגו (PNG או JPEG)</translation>
    </message>
    <message>
        <source>The customer's phone on the shipping label</source>
        <translation>הטלפון של הלקוח על מדבקת המשלוח</translation>
    </message>
    <message>
        <source>The weight on the shipping label</source>
        <translation>המשקל על מדבקת המשלוח</translation>
    </message>
    <message>
        <source>The logo on the shipping label too</source>
        <translation>הלוגו גם על מדבקת המשלוח</translation>
    </message>
    <message>
        <source>4 × 6 in</source>
        <translation>4 × 6 אינץ׳</translation>
    </message>
    <message>
        <source>4 × 4 in</source>
        <translation>4 × 4 אינץ׳</translation>
    </message>
    <message>
        <source>A6</source>
        <translation>A6</translation>
    </message>
    <message>
        <source>{dpi} dpi</source>
        <translation>‏{dpi} נקודות לאינץ׳</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>לטר (8.5 × 11 אינץ׳)</translation>
    </message>
    <message>
        <source>Shipping label size</source>
        <translation>גודל מדבקת המשלוח</translation>
    </message>
    <message>
        <source>Label printer resolution</source>
        <translation>רזולוציית מדפסת המדבקות</translation>
    </message>
    <message>
        <source>Packing slip page</source>
        <translation>גודל הדף של תעודת המשלוח</translation>
    </message>
    <message>
        <source>What the labels and slips print; the preview shows a sample order.</source>
        <translation>מה מודפס על המדבקות ועל תעודות המשלוח; התצוגה המקדימה מראה הזמנה לדוגמה.</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>בחירת לוגו</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.bmp)</source>
        <translation>תמונות (*.png *.jpg *.jpeg *.gif *.bmp)</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <source>Language</source>
        <extracomment>The language switch: "en" or "he" (the main window rebuilds its views in it). Badge scans reach :meth:`on_scan` through the window's scan listener. The badge just scanned, held only while its PIN is asked for.</extracomment>
        <translation>שפה</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>כניסה</translation>
    </message>
    <message>
        <source>Scan your badge</source>
        <translation>סרקו את התג שלכם</translation>
    </message>
    <message>
        <source>Hold your badge to the scanner: no need to click anything first.</source>
        <translation>קרבו את התג לסורק: אין צורך ללחוץ על שום דבר קודם.</translation>
    </message>
    <message>
        <source>No badge? Type your name and PIN:</source>
        <translation>אין תג? הקלידו שם וקוד PIN:</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>השם שלכם</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>קוד PIN</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>שם</translation>
    </message>
    <message>
        <source>Demo users (name / PIN / badge):</source>
        <translation>משתמשי הדגמה (שם / PIN / תג):</translation>
    </message>
    <message>
        <source>{name} ({role}): {pin} / {badge}</source>
        <translation>‏{name} ({role}): {pin} / {badge}</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>הגדרת העמדה</translation>
    </message>
    <message>
        <source>The database has no users yet. Create the first administrator; they can then add everyone else.</source>
        <translation>אין עדיין משתמשים במסד הנתונים. צרו את מנהל המערכת הראשון; הוא יוכל להוסיף את כל השאר.</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>4 עד 12 ספרות</translation>
    </message>
    <message>
        <source>the same PIN again</source>
        <translation>אותו קוד PIN שוב</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>קוד PIN שוב</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>יצירת מנהל מערכת</translation>
    </message>
    <message>
        <source>Type your PIN</source>
        <translation>הקלידו את קוד ה-PIN</translation>
    </message>
    <message>
        <source>Cancel [Esc]</source>
        <translation>ביטול [Esc]</translation>
    </message>
    <message>
        <source>{name} ({role}): type your PIN to finish signing in.</source>
        <translation>‏{name} ({role}): הקלידו את קוד ה-PIN כדי להשלים את הכניסה.</translation>
    </message>
    <message>
        <source>Create the administrator first; badges are added after that.</source>
        <translation>קודם יוצרים מנהל מערכת; תגים מוסיפים אחר כך.</translation>
    </message>
    <message>
        <source>That is not a badge. Scan your badge to sign in.</source>
        <translation>זה לא תג. סרקו את התג שלכם כדי להיכנס.</translation>
    </message>
    <message>
        <source>Type your PIN, or press Esc to scan again.</source>
        <translation>הקלידו את קוד ה-PIN, או לחצו Esc כדי לסרוק שוב.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>נכנס…</translation>
    </message>
    <message>
        <source>Type your name and your PIN, or scan your badge.</source>
        <translation>הקלידו שם וקוד PIN, או סרקו את התג.</translation>
    </message>
    <message>
        <source>The two PINs differ; type them again.</source>
        <translation>שני הקודים שונים; הקלידו אותם שוב.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Something went wrong; it has been logged. Carry on, or tell a supervisor.</source>
        <extracomment>For start-up measurements (benchmarks/bench_startup_desktop.py): when set, the desktop prints SIGN_IN_SHOWN on its standard output once the sign-in screen is up, and closes.</extracomment>
        <translation>משהו השתבש; זה נרשם ביומן. המשיכו לעבוד, או ספרו לאחראי משמרת.</translation>
    </message>
    <message>
        <source>Fulfillment station (demo)</source>
        <extracomment>Keyboard-wedge scans from anywhere in the window, to the current screen.</extracomment>
        <translation>עמדת הכנת משלוחים (הדגמה)</translation>
    </message>
    <message>
        <source>Fulfillment station</source>
        <translation>עמדת הכנת משלוחים</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <extracomment>The sign-in screen is up (after the database opened), each time start-up succeeds. The outcome sounds every screen plays (``sounds.played`` records them for tests).</extracomment>
        <translation>מסד נתונים: {name}</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>לא מחובר</translation>
    </message>
    <message>
        <source>Station: {name}</source>
        <translation>עמדה: {name}</translation>
    </message>
    <message>
        <source>Working…</source>
        <extracomment>"N fulfillments waiting for the store" (empty while none wait).</extracomment>
        <translation>עובד…</translation>
    </message>
    <message>
        <source>Opening the database ({name})…</source>
        <translation>פותח את מסד הנתונים ({name})…</translation>
    </message>
    <message>
        <source>The station's devices did not start: {error}</source>
        <translation>הציוד של העמדה לא עלה: {error}</translation>
    </message>
    <message>
        <source>{device} ✓</source>
        <translation>‏{device} ✓</translation>
    </message>
    <message>
        <source>{device}: {state} ⚠</source>
        <translation>‏{device}‏: {state} ⚠</translation>
    </message>
    <message>
        <source>The station is still starting: scan again in a moment.</source>
        <translation>העמדה עדיין עולה: סרקו שוב עוד רגע.</translation>
    </message>
    <message>
        <source>This screen does not take scans: open Pack or Pick.</source>
        <translation>המסך הזה לא מקבל סריקות: פתחו אריזה או ליקוט.</translation>
    </message>
    <message>
        <source>1 fulfillment waiting for the store</source>
        <translation>משלוח אחד ממתין לדיווח לחנות</translation>
    </message>
    <message>
        <source>{count} fulfillments waiting for the store</source>
        <translation>‏{count} משלוחים ממתינים לדיווח לחנות</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>משתמש: {name} ({role})</translation>
    </message>
</context>
<context>
    <name>MyFiguresView</name>
    <message>
        <source>My figures</source>
        <translation>הנתונים שלי</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>רענון</translation>
    </message>
    <message>
        <source>Lines I picked</source>
        <translation>שורות שליקטתי</translation>
    </message>
    <message>
        <source>Units I picked</source>
        <translation>יחידות שליקטתי</translation>
    </message>
    <message>
        <source>Orders I packed</source>
        <translation>הזמנות שארזתי</translation>
    </message>
    <message>
        <source>Units I packed</source>
        <translation>יחידות שארזתי</translation>
    </message>
    <message>
        <source>My fair score (1.00 = as expected)</source>
        <translation>הציון ההוגן שלי (1.00 = כצפוי)</translation>
    </message>
    <message>
        <source>Active of signed-in time</source>
        <translation>זמן פעיל מתוך זמן החיבור</translation>
    </message>
    <message>
        <source>Time lost to the system (not counted against me)</source>
        <translation>זמן שאבד בגלל המערכת (לא נזקף לחובתי)</translation>
    </message>
    <message>
        <source>Between tasks, on average</source>
        <translation>בין משימות, בממוצע</translation>
    </message>
    <message>
        <source>My work by hour</source>
        <translation>העבודה שלי לפי שעה</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>משימה</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>התחלה</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>סיום</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>צפוי</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>בפועל</translation>
    </message>
    <message>
        <source>Lost to the system</source>
        <translation>אבד בגלל המערכת</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>ציון</translation>
    </message>
    <message>
        <source>{count} tasks</source>
        <translation>‏{count} משימות</translation>
    </message>
    <message>
        <source>{active} of {signed_in}</source>
        <translation>‏{active} מתוך {signed_in}</translation>
    </message>
    <message>
        <source>Lines picked</source>
        <translation>שורות שלוקטו</translation>
    </message>
    <message>
        <source>Units packed</source>
        <translation>יחידות שנארזו</translation>
    </message>
    <message>
        <source>Cart {number}</source>
        <translation>עגלה {number}</translation>
    </message>
    <message>
        <source>Packing ({kind})</source>
        <translation>אריזה ({kind})</translation>
    </message>
</context>
<context>
    <name>OrderProgress</name>
    <message>
        <source>{packed} of {total} packed</source>
        <translation>‏{packed} מתוך {total} נארזו</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Product weight in the catalogue is wrong</source>
        <extracomment>Why a weight is approved, offered first (any other reason may be typed).</extracomment>
        <translation>משקל המוצר בקטלוג שגוי</translation>
    </message>
    <message>
        <source>Extra packing material</source>
        <translation>חומר אריזה נוסף</translation>
    </message>
    <message>
        <source>Scale checked and right</source>
        <translation>המשקל נבדק והוא תקין</translation>
    </message>
    <message>
        <source>Supervisor approval</source>
        <translation>אישור אחראי משמרת</translation>
    </message>
    <message>
        <source>Type the name or scan the badge</source>
        <translation>הקלידו שם או סרקו תג</translation>
    </message>
    <message>
        <source>Supervisor (name or badge)</source>
        <translation>אחראי משמרת (שם או תג)</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>קוד PIN</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>סיבה</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>אישור</translation>
    </message>
    <message>
        <source>Cancel [Esc]</source>
        <translation>ביטול [Esc]</translation>
    </message>
    <message>
        <source>Badge read: now type the PIN.</source>
        <translation>התג נקרא: עכשיו הקלידו את קוד ה-PIN.</translation>
    </message>
    <message>
        <source>Type the supervisor's name or scan their badge.</source>
        <translation>הקלידו את שם האחראי או סרקו את התג שלו.</translation>
    </message>
    <message>
        <source>A badge alone cannot approve: the supervisor types their PIN too.</source>
        <translation>תג לבד לא מספיק לאישור: האחראי מקליד גם קוד PIN.</translation>
    </message>
    <message>
        <source>Give a reason for the approval.</source>
        <translation>כתבו סיבה לאישור.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>בודק…</translation>
    </message>
</context>
<context>
    <name>PackLinesModel</name>
    <message>
        <source>Product</source>
        <extracomment>Row colours by state (background, text): readable on a bright warehouse screen.</extracomment>
        <translation>מוצר</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>מק"ט</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>מיקום</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>הזמנה</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>נארז</translation>
    </message>
    <message>
        <source>{packed} (short {short})</source>
        <translation>‏{packed} (חסר {short})</translation>
    </message>
</context>
<context>
    <name>PackView</name>
    <message>
        <source>A badge alone cannot approve: the supervisor types their PIN too.</source>
        <extracomment>Each outcome its own colour (background, text) on the big banner.</extracomment>
        <translation>תג לבד לא מספיק לאישור: האחראי מקליד גם קוד PIN.</translation>
    </message>
    <message>
        <source>Pack</source>
        <extracomment>Two readings this close (grams) are the same box on the scale. The label preview's width on screen (pixels). How often the scale is read while the order is on it, in milliseconds.</extracomment>
        <translation>אריזה</translation>
    </message>
    <message>
        <source>Type an order number, then Enter</source>
        <extracomment>"start" (no order), "scan", "weigh" (every line packed) or "closed". (code, is an order to start): scans and typed order numbers, answered in order.</extracomment>
        <translation>הקלידו מספר הזמנה ואז Enter</translation>
    </message>
    <message>
        <source>Next order [N]</source>
        <translation>ההזמנה הבאה [N]</translation>
    </message>
    <message>
        <source>Weighing</source>
        <translation>שקילה</translation>
    </message>
    <message>
        <source>Weight in grams, then Enter</source>
        <translation>משקל בגרמים ואז Enter</translation>
    </message>
    <message>
        <source>Own packaging</source>
        <translation>אריזה מקורית</translation>
    </message>
    <message>
        <source>Undo [Ctrl+Z]</source>
        <translation>ביטול פעולה [Ctrl+Z]</translation>
    </message>
    <message>
        <source>RFID [F9]</source>
        <translation>RFID [F9]</translation>
    </message>
    <message>
        <source>Short ship</source>
        <translation>משלוח חסר</translation>
    </message>
    <message>
        <source>Close box [B]</source>
        <translation>סגירת קרטון [B]</translation>
    </message>
    <message>
        <source>Close order</source>
        <translation>סגירת הזמנה</translation>
    </message>
    <message>
        <source>Print label [P]</source>
        <translation>הדפסת מדבקה [P]</translation>
    </message>
    <message>
        <source>Print slip [S]</source>
        <translation>הדפסת תעודת משלוח [S]</translation>
    </message>
    <message>
        <source>Order {number} resumed where it was.</source>
        <translation>הזמנה {number} ממשיכה מאיפה שעצרה.</translation>
    </message>
    <message>
        <source>Type a barcode or SKU, then Enter</source>
        <translation>הקלידו ברקוד או מק"ט ואז Enter</translation>
    </message>
    <message>
        <source>No order is waiting to be packed.</source>
        <translation>אין הזמנה שממתינה לאריזה.</translation>
    </message>
    <message>
        <source>Order {number}: scan the items.</source>
        <translation>הזמנה {number}‏: סרקו את הפריטים.</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>הזמנה {number}</translation>
    </message>
    <message>
        <source>{store} · order {number}</source>
        <translation>‏{store} · הזמנה {number}</translation>
    </message>
    <message>
        <source>(box {n})</source>
        <translation>‏(קרטון {n})</translation>
    </message>
    <message>
        <source>Bring together: {totes}</source>
        <translation>לאחד: {totes}</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>אין מה לבטל.</translation>
    </message>
    <message>
        <source>'{word}' does nothing while packing.</source>
        <translation>הפקודה '{word}' לא עושה כלום באריזה.</translation>
    </message>
    <message>
        <source>Weight OK: {measured} g (expected {expected} g).</source>
        <translation>המשקל תקין: {measured} גרם (צפוי {expected} גרם).</translation>
    </message>
    <message>
        <source>The box is {difference} g heavier than expected ({measured} g, expected {expected} g ± {tolerance} g). Check the contents, or ask a supervisor to approve.</source>
        <translation>הקרטון כבד ב-{difference} גרם מהצפוי ({measured} גרם, צפוי {expected} גרם ± {tolerance} גרם). בדקו את התכולה, או בקשו אישור מאחראי משמרת.</translation>
    </message>
    <message>
        <source>The box is {difference} g lighter than expected ({measured} g, expected {expected} g ± {tolerance} g). Check the contents, or ask a supervisor to approve.</source>
        <translation>הקרטון קל ב-{difference} גרם מהצפוי ({measured} גרם, צפוי {expected} גרם ± {tolerance} גרם). בדקו את התכולה, או בקשו אישור מאחראי משמרת.</translation>
    </message>
    <message>
        <source>No weight is known for: {skus}.</source>
        <translation>אין משקל ידוע עבור: {skus}.</translation>
    </message>
    <message>
        <source>{name}: {packed} of {quantity}. Everything is packed: weigh the box.</source>
        <translation>‏{name}‏: {packed} מתוך {quantity}. הכול ארוז: שקלו את הקרטון.</translation>
    </message>
    <message>
        <source>{name}: {packed} of {quantity}</source>
        <translation>‏{name}‏: {packed} מתוך {quantity}</translation>
    </message>
    <message>
        <source>Too many: {name} is complete ({quantity} of {quantity}). Take the extra one out.</source>
        <translation>יותר מדי: {name} כבר הושלם ({quantity} מתוך {quantity}). הוציאו את העודף.</translation>
    </message>
    <message>
        <source>A pack is more than the {left} still needed of {name}. Scan single items.</source>
        <translation>המארז גדול מ-{left} שעוד חסרים מ{name}. סרקו יחידות בודדות.</translation>
    </message>
    <message>
        <source>{name} needs its serial number: scan the barcode with the serial (GS1 DataMatrix or the serial label).</source>
        <translation>ל{name} צריך מספר סידורי: סרקו את הברקוד עם המספר הסידורי (ברקוד דו-ממדי או מדבקת המספר הסידורי).</translation>
    </message>
    <message>
        <source>Wrong item: {name} is not in this order. Take it out of the box.</source>
        <translation>פריט שגוי: {name} לא שייך להזמנה הזו. הוציאו אותו מהקרטון.</translation>
    </message>
    <message>
        <source>Wrong item: it is not in this order. Take it out of the box.</source>
        <translation>פריט שגוי: הוא לא שייך להזמנה הזו. הוציאו אותו מהקרטון.</translation>
    </message>
    <message>
        <source>Unknown barcode {code}: no product has it. Put the item aside and tell a supervisor.</source>
        <translation>ברקוד לא מוכר {code}‏: אין מוצר עם הברקוד הזה. שימו את הפריט בצד וספרו לאחראי משמרת.</translation>
    </message>
    <message>
        <source>Reading the scale…</source>
        <translation>קורא את המשקל…</translation>
    </message>
    <message>
        <source>No scale</source>
        <translation>אין משקל</translation>
    </message>
    <message>
        <source>Scan a packing slip or a tote to start</source>
        <translation>סרקו תעודת משלוח או ארגז כדי להתחיל</translation>
    </message>
    <message>
        <source>Box: {box}</source>
        <translation>קרטון: {box}</translation>
    </message>
    <message>
        <source>Box: own packaging</source>
        <translation>קרטון: אריזה מקורית</translation>
    </message>
    <message>
        <source>The box is chosen once every item is packed.</source>
        <translation>הקרטון נבחר אחרי שכל הפריטים נארזו.</translation>
    </message>
    <message>
        <source>Box {box}.</source>
        <translation>קרטון {box}.</translation>
    </message>
    <message>
        <source>Expected {expected} g ± {tolerance} g</source>
        <translation>צפוי {expected} גרם ± {tolerance} גרם</translation>
    </message>
    <message>
        <source>{grams} g  stable</source>
        <translation>‏{grams} גרם  יציב</translation>
    </message>
    <message>
        <source>Take the last box off the scale.</source>
        <translation>הורידו את הקרטון הקודם מהמשקל.</translation>
    </message>
    <message>
        <source>Scale not connected: {detail}</source>
        <translation>המשקל לא מחובר: {detail}</translation>
    </message>
    <message>
        <source>Scale offline</source>
        <translation>המשקל מנותק</translation>
    </message>
    <message>
        <source>Settling…</source>
        <translation>מתייצב…</translation>
    </message>
    <message>
        <source>Type the weight in grams, e.g. 850.</source>
        <translation>הקלידו את המשקל בגרמים, למשל 850.</translation>
    </message>
    <message>
        <source>Not approved: check the box, then put it on the scale again.</source>
        <translation>לא אושר: בדקו את הקרטון ושימו אותו שוב על המשקל.</translation>
    </message>
    <message>
        <source>Order {number} packed: package {package} in box {box}.</source>
        <translation>הזמנה {number} נארזה: חבילה {package} בקרטון {box}.</translation>
    </message>
    <message>
        <source>Verified by {name}.</source>
        <translation>אומת על ידי {name}.</translation>
    </message>
    <message>
        <source>Shipped short: {items}.</source>
        <translation>נשלח חסר: {items}.</translation>
    </message>
    <message>
        <source>{title}: packed</source>
        <translation>‏{title}‏: נארז</translation>
    </message>
    <message>
        <source>Box {package} closed: {remaining} pieces go in the next box.</source>
        <translation>קרטון {package} נסגר: {remaining} יחידות נכנסות לקרטון הבא.</translation>
    </message>
    <message>
        <source>There is no closed package to print yet.</source>
        <translation>אין עדיין חבילה סגורה להדפסה.</translation>
    </message>
    <message>
        <source>This station has no RFID reader.</source>
        <translation>לעמדה הזו אין קורא RFID.</translation>
    </message>
    <message>
        <source>Reading the RFID pad…</source>
        <translation>קורא את משטח ה-RFID…</translation>
    </message>
    <message>
        <source>RFID: {n} found.</source>
        <translation>RFID: נמצאו {n}.</translation>
    </message>
    <message>
        <source>Missing: {items}.</source>
        <translation>חסר: {items}.</translation>
    </message>
    <message>
        <source>Extra: {n} tags not of this order.</source>
        <translation>עודף: {n} תגים שלא שייכים להזמנה הזו.</translation>
    </message>
    <message>
        <source>Ship order {number} with {missing} pieces missing ({reason})?</source>
        <translation>לשלוח את הזמנה {number} כשחסרות {missing} יחידות ({reason})?</translation>
    </message>
    <message>
        <source>Order {number} is in the exceptions queue: put it aside.</source>
        <translation>הזמנה {number} בתור החריגים: שימו אותה בצד.</translation>
    </message>
    <message>
        <source>zone {zone} </source>
        <translation>אזור {zone} </translation>
    </message>
    <message>
        <source>{zone}cart {cart} tote {slot} ({state})</source>
        <translation>‏{zone}עגלה {cart} ארגז {slot} ({state})</translation>
    </message>
</context>
<context>
    <name>PackingSettingsView</name>
    <message>
        <source>Box sides are inside measures in millimetres; weights in grams. Leave the maximum weight empty for a box that takes any weight.</source>
        <extracomment>The boxes table's columns, by what they hold. The number fields' width (pixels): a few digits, not the window's width.</extracomment>
        <translation>מידות הקרטון הן מידות פנימיות במילימטרים; משקלים בגרמים. לקרטון שמתאים לכל משקל, השאירו את המשקל המרבי ריק.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>קוד</translation>
    </message>
    <message>
        <source>Length (mm)</source>
        <translation>אורך (מ"מ)</translation>
    </message>
    <message>
        <source>Width (mm)</source>
        <translation>רוחב (מ"מ)</translation>
    </message>
    <message>
        <source>Height (mm)</source>
        <translation>גובה (מ"מ)</translation>
    </message>
    <message>
        <source>Tare (g)</source>
        <translation>טרה (גרם)</translation>
    </message>
    <message>
        <source>Maximum weight (g)</source>
        <translation>משקל מרבי (גרם)</translation>
    </message>
    <message>
        <source>Add a box</source>
        <translation>הוספת קרטון</translation>
    </message>
    <message>
        <source>Remove the box</source>
        <translation>הסרת הקרטון</translation>
    </message>
    <message>
        <source>Boxes</source>
        <translation>קרטונים</translation>
    </message>
    <message>
        <source>Weight tolerance (g)</source>
        <translation>סטיית משקל מותרת (גרם)</translation>
    </message>
    <message>
        <source>Weight tolerance (%)</source>
        <translation>סטיית משקל מותרת (%)</translation>
    </message>
    <message>
        <source>Dunnage per box (g)</source>
        <translation>חומר מילוי לקרטון (גרם)</translation>
    </message>
    <message>
        <source>A box passes the weight gate within the larger of the two tolerances.</source>
        <translation>קרטון עובר את בדיקת המשקל אם הוא בתוך הגדולה מבין שתי הסטיות המותרות.</translation>
    </message>
    <message>
        <source>Box {row} needs a code.</source>
        <translation>לקרטון {row} חסר קוד.</translation>
    </message>
    <message>
        <source>Box {code}: type a number for “{column}”.</source>
        <translation>קרטון {code}‏: הקלידו מספר בעמודה „{column}”.</translation>
    </message>
    <message>
        <source>The station needs at least one box.</source>
        <translation>העמדה צריכה לפחות קרטון אחד.</translation>
    </message>
    <message>
        <source>Type a number, such as {example}.</source>
        <translation>הקלידו מספר, למשל {example}.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Period:</source>
        <extracomment>The outcome the figure is coloured as ("" for none; tests read it).</extracomment>
        <translation>תקופה:</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>היום</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>המשמרת הזו</translation>
    </message>
    <message>
        <source>One hour of today</source>
        <translation>שעה אחת מהיום</translation>
    </message>
</context>
<context>
    <name>PickView</name>
    <message>
        <source>Pick</source>
        <extracomment>The product picture's largest side, in pixels.</extracomment>
        <translation>ליקוט</translation>
    </message>
    <message>
        <source>Carry on [F9]</source>
        <translation>להמשיך [F9]</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>ללכת אל</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>פריט</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>לקחת</translation>
    </message>
    <message>
        <source>Into tote</source>
        <translation>לארגז</translation>
    </message>
    <message>
        <source>Type a code by hand and press Enter</source>
        <translation>הקלידו קוד ידנית ולחצו Enter</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>נמצאו</translation>
    </message>
    <message>
        <source>Record short pick</source>
        <translation>רישום ליקוט חסר</translation>
    </message>
    <message>
        <source>Next cart [F5]</source>
        <translation>העגלה הבאה [F5]</translation>
    </message>
    <message>
        <source>Short [F6]</source>
        <translation>חסר [F6]</translation>
    </message>
    <message>
        <source>Skip [F7]</source>
        <translation>דילוג [F7]</translation>
    </message>
    <message>
        <source>Pause [F8]</source>
        <translation>הפסקה [F8]</translation>
    </message>
    <message>
        <source>'{command}' does nothing while picking.</source>
        <translation>הפקודה '{command}' לא עושה כלום בליקוט.</translation>
    </message>
    <message>
        <source>There is no pick to scan for: take the next cart (F5).</source>
        <translation>אין ליקוט לסרוק: קחו את העגלה הבאה (F5).</translation>
    </message>
    <message>
        <source>That scan could not be read: scan again.</source>
        <translation>לא הצלחנו לקרוא את הסריקה: סרקו שוב.</translation>
    </message>
    <message>
        <source>Location right.</source>
        <translation>המיקום נכון.</translation>
    </message>
    <message>
        <source>Carry on: {prompt}</source>
        <translation>ממשיכים: {prompt}</translation>
    </message>
    <message>
        <source>No cart is waiting. Ask a supervisor to release work.</source>
        <translation>אין עגלה שממתינה. בקשו מאחראי המשמרת לשחרר עבודה.</translation>
    </message>
    <message>
        <source>There is no pick to report short.</source>
        <translation>אין ליקוט לדווח עליו כחסר.</translation>
    </message>
    <message>
        <source>How many did you find, and why is it short? Then Record (or scan CMD:CONFIRM).</source>
        <translation>כמה מצאתם, ולמה חסר? אחר כך רישום (או סרקו CMD:CONFIRM).</translation>
    </message>
    <message>
        <source>Wrong location: go to {location}.</source>
        <translation>מיקום שגוי: לכו אל {location}.</translation>
    </message>
    <message>
        <source>Wrong location: you scanned {scanned}; go to {location}.</source>
        <translation>מיקום שגוי: סרקתם {scanned}; לכו אל {location}.</translation>
    </message>
    <message>
        <source>Wrong tote: put it in tote {slot}.</source>
        <translation>ארגז שגוי: שימו בארגז {slot}.</translation>
    </message>
    <message>
        <source>Wrong item: pick {name} ({sku}).</source>
        <translation>פריט שגוי: לקטו {name} ({sku}).</translation>
    </message>
    <message>
        <source>The quantity does not fit: {left} left here.</source>
        <translation>הכמות לא מתאימה: נשארו כאן {left}.</translation>
    </message>
    <message>
        <source>Read the store's change first, then scan CMD:CONFIRM or press F9.</source>
        <translation>קודם קראו את השינוי של החנות, ואז סרקו CMD:CONFIRM או לחצו F9.</translation>
    </message>
    <message>
        <source>Scan the location.</source>
        <translation>סרקו את המיקום.</translation>
    </message>
    <message>
        <source>Scan the item ({sku}).</source>
        <translation>סרקו את הפריט ({sku}).</translation>
    </message>
    <message>
        <source>Scan the item.</source>
        <translation>סרקו את הפריט.</translation>
    </message>
    <message>
        <source>Put it in tote {slot} and scan the tote.</source>
        <translation>שימו בארגז {slot} וסרקו את הארגז.</translation>
    </message>
    <message>
        <source>Scan CMD:CONFIRM or press F9 to carry on.</source>
        <translation>סרקו CMD:CONFIRM או לחצו F9 כדי להמשיך.</translation>
    </message>
    <message>
        <source>No cart.</source>
        <translation>אין עגלה.</translation>
    </message>
    <message>
        <source>Cart {cart}, zone {zone}: {done} of {total} done.</source>
        <translation>עגלה {cart}, אזור {zone}‏: {done} מתוך {total} בוצעו.</translation>
    </message>
    <message>
        <source>Cart {cart}: {done} of {total} done.</source>
        <translation>עגלה {cart}‏: {done} מתוך {total} בוצעו.</translation>
    </message>
    <message>
        <source>Totes  {totes}</source>
        <translation>ארגזים  {totes}</translation>
    </message>
    <message>
        <source>Take the cart to packing, then the next cart (F5).</source>
        <translation>קחו את העגלה לאריזה, ואז את העגלה הבאה (F5).</translation>
    </message>
    <message>
        <source>Take the next cart (F5).</source>
        <translation>קחו את העגלה הבאה (F5).</translation>
    </message>
    <message>
        <source>Take {count}</source>
        <translation>לקחת {count}</translation>
    </message>
    <message>
        <source>PUT BACK {count}</source>
        <translation>להחזיר {count}</translation>
    </message>
    <message>
        <source>{name}
{sku} · order {order}</source>
        <translation>‏{name}
‏{sku} · הזמנה {order}</translation>
    </message>
</context>
<context>
    <name>PickupDialog</name>
    <message>
        <source>{carrier} pickup points</source>
        <translation>נקודות האיסוף של {carrier}</translation>
    </message>
    <message>
        <source>No pickup point: to the customer's address</source>
        <translation>בלי נקודת איסוף: לכתובת הלקוח</translation>
    </message>
    <message>
        <source>locker</source>
        <translation>לוקר</translation>
    </message>
    <message>
        <source>store</source>
        <translation>חנות</translation>
    </message>
    <message>
        <source>point</source>
        <translation>נקודה</translation>
    </message>
    <message>
        <source>{name} ({kind}) — {where}, {city}</source>
        <translation>‏{name} ({kind}) — {where}, {city}</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <source>Release work</source>
        <translation>שחרור עבודה</translation>
    </message>
    <message>
        <source>Totes a cart</source>
        <translation>ארגזים לעגלה</translation>
    </message>
    <message>
        <source>Items a cart</source>
        <translation>פריטים לעגלה</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>שיטה</translation>
    </message>
    <message>
        <source> h</source>
        <translation> ש׳</translation>
    </message>
    <message>
        <source>any cut-off</source>
        <translation>כל מועד</translation>
    </message>
    <message>
        <source>Only orders to ship within this many hours (a wave)</source>
        <translation>רק הזמנות שצריך לשלוח בתוך מספר השעות הזה (גל)</translation>
    </message>
    <message>
        <source>Due within</source>
        <translation>לשליחה בתוך</translation>
    </message>
    <message>
        <source>A cart per zone</source>
        <translation>עגלה לכל אזור</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>עגלה</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>הזמנות</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>פריטים</translation>
    </message>
    <message>
        <source>Walk (m)</source>
        <translation>הליכה (מ׳)</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>תכנון</translation>
    </message>
    <message>
        <source>Release to the pickers</source>
        <translation>שחרור למלקטים</translation>
    </message>
    <message>
        <source>Planning …</source>
        <translation>מתכנן …</translation>
    </message>
    <message>
        <source>{cart} (zone {zone})</source>
        <translation>‏{cart} (אזור {zone})</translation>
    </message>
    <message>
        <source>{carts} carts, {orders} orders: {walk} m of walking against {baseline} m for first-come carts walked aisle by aisle ({saving} less).</source>
        <translation>‏{carts} עגלות, {orders} הזמנות: {walk} מ׳ הליכה לעומת {baseline} מ׳ בעגלות לפי סדר הגעה, מעבר אחרי מעבר ({saving} פחות).</translation>
    </message>
    <message>
        <source>Not planned (a product without a location): {orders}</source>
        <translation>לא תוכננו (מוצר בלי מיקום): {orders}</translation>
    </message>
    <message>
        <source>No open order to plan.</source>
        <translation>אין הזמנה פתוחה לתכנון.</translation>
    </message>
    <message>
        <source>Released 1 cart ({orders} orders, {picks} picks): pickers take it from the Pick screen.</source>
        <translation>שוחררה עגלה אחת ({orders} הזמנות, {picks} ליקוטים): המלקטים לוקחים אותה ממסך הליקוט.</translation>
    </message>
    <message>
        <source>Released {carts} carts ({orders} orders, {picks} picks): pickers take them from the Pick screen.</source>
        <translation>שוחררו {carts} עגלות ({orders} הזמנות, {picks} ליקוטים): המלקטים לוקחים אותן ממסך הליקוט.</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <source>Returns</source>
        <extracomment>Each outcome its own colour (background, text) on the big banner. Each outcome its sound (see sounds.NAMES). Statuses in which items of the parcel are still scanned.</extracomment>
        <translation>החזרות</translation>
    </message>
    <message>
        <source>Sellable [1]</source>
        <extracomment>The grade the next unit gets: "sellable" or "damaged". The next code scanned or typed names the order this parcel belongs to. Scans, and the buttons' actions, answered in the order they came.</extracomment>
        <translation>ראוי למכירה [1]</translation>
    </message>
    <message>
        <source>Damaged [2]</source>
        <translation>פגום [2]</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>מוצר</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>מק"ט</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>צפוי</translation>
    </message>
    <message>
        <source>Sellable</source>
        <translation>ראוי למכירה</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>פגום</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>חסר</translation>
    </message>
    <message>
        <source>Put away at</source>
        <translation>לאחסן ב</translation>
    </message>
    <message>
        <source>Why the discrepancy is accepted</source>
        <translation>למה מקבלים את אי ההתאמה</translation>
    </message>
    <message>
        <source>Accept discrepancy</source>
        <translation>קבלת אי ההתאמה</translation>
    </message>
    <message>
        <source>Link to an order</source>
        <translation>קישור להזמנה</translation>
    </message>
    <message>
        <source>Undo [Ctrl+Z]</source>
        <translation>ביטול פעולה [Ctrl+Z]</translation>
    </message>
    <message>
        <source>Mark the rest missing</source>
        <translation>סימון השאר כחסרים</translation>
    </message>
    <message>
        <source>Finish [F]</source>
        <translation>סיום [F]</translation>
    </message>
    <message>
        <source>Collect from customer</source>
        <translation>איסוף מהלקוח</translation>
    </message>
    <message>
        <source>Next parcel [N]</source>
        <translation>החבילה הבאה [N]</translation>
    </message>
    <message>
        <source>open</source>
        <translation>פתוחה</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>בקבלה</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>הושלמה</translation>
    </message>
    <message>
        <source>discrepancy</source>
        <translation>אי התאמה</translation>
    </message>
    <message>
        <source>no RMA</source>
        <translation>ללא אישור החזרה</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>בוטלה</translation>
    </message>
    <message>
        <source>Scan the parcel</source>
        <translation>סרקו את החבילה</translation>
    </message>
    <message>
        <source>Type an order, tracking or RMA number, then Enter</source>
        <translation>הקלידו מספר הזמנה, מספר מעקב או מספר אישור החזרה ואז Enter</translation>
    </message>
    <message>
        <source>{rma} · {status}</source>
        <translation>‏{rma} · {status}</translation>
    </message>
    <message>
        <source>order {number}</source>
        <translation>הזמנה {number}</translation>
    </message>
    <message>
        <source>Type a barcode or SKU, then Enter</source>
        <translation>הקלידו ברקוד או מק"ט ואז Enter</translation>
    </message>
    <message>
        <source>Does not match: {sentences}</source>
        <translation>לא תואם: {sentences}</translation>
    </message>
    <message>
        <source>This parcel has no RMA: scan its items, they wait at {location} until a supervisor links the parcel to its order.</source>
        <translation>לחבילה הזו אין אישור החזרה: סרקו את הפריטים שבה, הם ממתינים ב-{location} עד שמפקח יקשר את החבילה להזמנה שלה.</translation>
    </message>
    <message>
        <source>Next items: sellable.</source>
        <translation>הפריטים הבאים: ראויים למכירה.</translation>
    </message>
    <message>
        <source>Next items: damaged.</source>
        <translation>הפריטים הבאים: פגומים.</translation>
    </message>
    <message>
        <source>Grading: SELLABLE</source>
        <translation>מיון: ראוי למכירה</translation>
    </message>
    <message>
        <source>Grading: DAMAGED</source>
        <translation>מיון: פגום</translation>
    </message>
    <message>
        <source>Put it on {location}</source>
        <translation>שימו אותו ב-{location}</translation>
    </message>
    <message>
        <source>Put it in quarantine: {location}</source>
        <translation>שימו אותו בהסגר: {location}</translation>
    </message>
    <message>
        <source>Scrap it</source>
        <translation>לגריטה</translation>
    </message>
    <message>
        <source>Put it at {location}</source>
        <translation>שימו אותו ב-{location}</translation>
    </message>
    <message>
        <source>Not a product we know: nothing was recorded. Scan the item's own barcode, or put it aside for a supervisor.</source>
        <translation>זה אינו מוצר מוכר: שום דבר לא נרשם. סרקו את הברקוד של הפריט עצמו, או הניחו אותו בצד בשביל מפקח.</translation>
    </message>
    <message>
        <source>sellable</source>
        <translation>ראוי למכירה</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>פגום</translation>
    </message>
    <message>
        <source>{name} was not expected back: recorded for the supervisor.</source>
        <translation>‏{name} לא היה צפוי לחזור: נרשם בשביל המפקח.</translation>
    </message>
    <message>
        <source>More {sku} than expected ({received} of {expected}): recorded for the supervisor.</source>
        <translation>יותר {sku} מהצפוי ({received} מתוך {expected}): נרשם בשביל המפקח.</translation>
    </message>
    <message>
        <source>{name}, {grade}</source>
        <translation>‏{name}, {grade}</translation>
    </message>
    <message>
        <source>That scan could not be read: scan it again, or type the code.</source>
        <translation>לא ניתן לקרוא את הסריקה: סרקו שוב, או הקלידו את הקוד.</translation>
    </message>
    <message>
        <source>'{word}' does nothing at the returns station.</source>
        <translation>'{word}' לא עושה דבר בעמדת ההחזרות.</translation>
    </message>
    <message>
        <source>No RMA or order for this parcel ({rma}): scan its items, they wait at {location} for a supervisor.</source>
        <translation>אין אישור החזרה או הזמנה לחבילה הזו ({rma}): סרקו את הפריטים שבה, הם ממתינים ב-{location} למפקח.</translation>
    </message>
    <message>
        <source>{rma}: take the items out and scan each one.</source>
        <translation>‏{rma}‏: הוציאו את הפריטים וסרקו כל אחד מהם.</translation>
    </message>
    <message>
        <source>The last scan was taken back.</source>
        <translation>הסריקה האחרונה בוטלה.</translation>
    </message>
    <message>
        <source>The items not scanned are marked missing.</source>
        <translation>הפריטים שלא נסרקו סומנו כחסרים.</translation>
    </message>
    <message>
        <source>Scan a parcel first.</source>
        <translation>קודם סרקו חבילה.</translation>
    </message>
    <message>
        <source>{rma} is complete: the store is told. Scan the next parcel.</source>
        <translation>‏{rma} הושלם: החנות מקבלת הודעה. סרקו את החבילה הבאה.</translation>
    </message>
    <message>
        <source>{rma} does not match what was expected: a supervisor checks it.</source>
        <translation>‏{rma} לא תואם את מה שהיה צפוי: מפקח יבדוק אותו.</translation>
    </message>
    <message>
        <source>{rma} is accepted as it is: the store is told.</source>
        <translation>‏{rma} התקבל כמו שהוא: החנות מקבלת הודעה.</translation>
    </message>
    <message>
        <source>Scan or type the order's packing slip, tracking number or RMA number.</source>
        <translation>סרקו או הקלידו את תעודת המשלוח של ההזמנה, את מספר המעקב או את מספר אישור ההחזרה.</translation>
    </message>
    <message>
        <source>The parcel's items now belong to {rma}.</source>
        <translation>הפריטים של החבילה שייכים עכשיו ל-{rma}.</translation>
    </message>
    <message>
        <source>Asking the courier…</source>
        <translation>פונים לשליח…</translation>
    </message>
    <message>
        <source>The courier collects the parcel: tracking number {tracking}.</source>
        <translation>השליח יאסוף את החבילה: מספר מעקב {tracking}.</translation>
    </message>
    <message>
        <source>Scan the next parcel.</source>
        <translation>סרקו את החבילה הבאה.</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <source>Back [Esc]</source>
        <extracomment>Whether scans (keyboard wedge or serial) go to :meth:`on_scan` while it is shown; a scan on a screen that takes none is refused in the status bar.</extracomment>
        <translation>חזרה [Esc]</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <source>Pick</source>
        <translation>ליקוט</translation>
    </message>
    <message>
        <source>walk the next batch</source>
        <translation>ללכת עם האצווה הבאה</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>אריזה</translation>
    </message>
    <message>
        <source>verify, weigh and ship</source>
        <translation>לאמת, לשקול ולשלוח</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>החזרות</translation>
    </message>
    <message>
        <source>receive parcels, grade items</source>
        <translation>קבלת חבילות ומיון פריטים</translation>
    </message>
    <message>
        <source>Count stock</source>
        <translation>ספירת מלאי</translation>
    </message>
    <message>
        <source>scan a location and its items</source>
        <translation>סריקת מיקום והפריטים שבו</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>תפוקה</translation>
    </message>
    <message>
        <source>orders and lines per hour</source>
        <translation>הזמנות ושורות לשעה</translation>
    </message>
    <message>
        <source>Release work</source>
        <translation>שחרור עבודה</translation>
    </message>
    <message>
        <source>plan carts and waves</source>
        <translation>תכנון עגלות וגלים</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>חריגים</translation>
    </message>
    <message>
        <source>short picks, mismatches</source>
        <translation>ליקוטים חסרים, אי-התאמות</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>משתמשים</translation>
    </message>
    <message>
        <source>unlock, add, badges</source>
        <translation>שחרור נעילה, הוספה, תגים</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>יומן ביקורת</translation>
    </message>
    <message>
        <source>who did what</source>
        <translation>מי עשה מה</translation>
    </message>
    <message>
        <source>Import catalogue</source>
        <translation>ייבוא קטלוג</translation>
    </message>
    <message>
        <source>products and locations</source>
        <translation>מוצרים ומיקומים</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>חנויות</translation>
    </message>
    <message>
        <source>sync, store changes, quarantine</source>
        <translation>סנכרון, שינויים בחנות, הסגר</translation>
    </message>
    <message>
        <source>Station devices</source>
        <translation>ציוד העמדה</translation>
    </message>
    <message>
        <source>scanners, scales, printers</source>
        <translation>סורקים, משקלים, מדפסות</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>הגדרות</translation>
    </message>
    <message>
        <source>labels and packing</source>
        <translation>מדבקות ואריזה</translation>
    </message>
    <message>
        <source>Store settings</source>
        <translation>הגדרות חנויות</translation>
    </message>
    <message>
        <source>connect a store, test it, sync now</source>
        <translation>חיבור חנות, בדיקה, סנכרון</translation>
    </message>
    <message>
        <source>Products missing data</source>
        <translation>מוצרים עם נתונים חסרים</translation>
    </message>
    <message>
        <source>weights, barcodes, locations</source>
        <translation>משקלים, ברקודים, מיקומים</translation>
    </message>
    <message>
        <source>My figures</source>
        <translation>הנתונים שלי</translation>
    </message>
    <message>
        <source>your own work and score</source>
        <translation>העבודה והציון שלך</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>Save</source>
        <extracomment>The settings file's section this form edits. The form's column; the subclass sets it on itself or on a part of itself.</extracomment>
        <translation>שמירה</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>ביטול השינויים</translation>
    </message>
    <message>
        <source>Not saved: correct the field marked in red.</source>
        <translation>לא נשמר: תקנו את השדה המסומן באדום.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>שומר…</translation>
    </message>
    <message>
        <source>Saved to the settings file; the station uses it from now on.</source>
        <translation>נשמר בקובץ ההגדרות; העמדה עובדת לפיו מעכשיו.</translation>
    </message>
</context>
<context>
    <name>SettingsProductsView</name>
    <message>
        <source>Products missing data</source>
        <extracomment>The editable columns and the product field each one sets.</extracomment>
        <translation>מוצרים עם נתונים חסרים</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>מק"ט</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>שם</translation>
    </message>
    <message>
        <source>Weight (g)</source>
        <translation>משקל (גרם)</translation>
    </message>
    <message>
        <source>Length (mm)</source>
        <translation>אורך (מ"מ)</translation>
    </message>
    <message>
        <source>Width (mm)</source>
        <translation>רוחב (מ"מ)</translation>
    </message>
    <message>
        <source>Height (mm)</source>
        <translation>גובה (מ"מ)</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>מיקום</translation>
    </message>
    <message>
        <source>Barcodes (code ×pieces)</source>
        <translation>ברקודים (קוד ×יחידות)</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>חסר</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>בעיה</translation>
    </message>
    <message>
        <source>Double-click a cell to fill it in; it is saved when you leave it. Barcodes: codes separated by commas, a case's with ×6 after it for six pieces.</source>
        <translation>לחצו פעמיים על תא כדי למלא אותו; הוא נשמר כשיוצאים ממנו. ברקודים: קודים מופרדים בפסיקים; לברקוד של מארז מוסיפים ‎×6 אחריו אם יש בו שש יחידות.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>רענון</translation>
    </message>
    <message>
        <source>{count} product(s) miss a weight, a barcode or a location.</source>
        <translation>מוצרים בלי משקל, ברקוד או מיקום: {count}.</translation>
    </message>
    <message>
        <source>Every product has a weight, a barcode and a location.</source>
        <translation>לכל המוצרים יש משקל, ברקוד ומיקום.</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>משקל</translation>
    </message>
    <message>
        <source>barcode</source>
        <translation>ברקוד</translation>
    </message>
    <message>
        <source>location</source>
        <translation>מיקום</translation>
    </message>
    <message>
        <source>(from store sync)</source>
        <translation>‏(מסנכרון החנות)</translation>
    </message>
    <message>
        <source>{sku} is complete and leaves the list.</source>
        <translation>מק"ט {sku} הושלם ויורד מהרשימה.</translation>
    </message>
    <message>
        <source>{sku}: {what} saved.</source>
        <translation>מק"ט {sku}‏: השדה „{what}” נשמר.</translation>
    </message>
</context>
<context>
    <name>SettingsStoresView</name>
    <message>
        <source>never</source>
        <extracomment>(name shown, platform): brand names, the same in every language. The secrets' fields, in the order shown (each platform shows those it needs). The platform options' fields: (platform, option).</extracomment>
        <translation>אף פעם</translation>
    </message>
    <message>
        <source>Stores</source>
        <extracomment>A sync's progress, emitted on the sync's thread and shown on the GUI thread.</extracomment>
        <translation>חנויות</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>חנות</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>פלטפורמה</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>כתובת</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>בסנכרון</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>הזמנות</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>סנכרון אחרון</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>בעיה</translation>
    </message>
    <message>
        <source>The chosen store</source>
        <translation>החנות שנבחרה</translation>
    </message>
    <message>
        <source>Choose a store in the list.</source>
        <translation>בחרו חנות ברשימה.</translation>
    </message>
    <message>
        <source>Save the address</source>
        <translation>שמירת הכתובת</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>בדיקת החיבור</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>סנכרון עכשיו</translation>
    </message>
    <message>
        <source>Cancel the sync</source>
        <translation>ביטול הסנכרון</translation>
    </message>
    <message>
        <source>Stop syncing this store</source>
        <translation>הפסקת הסנכרון של החנות</translation>
    </message>
    <message>
        <source>Connect a store</source>
        <translation>חיבור חנות</translation>
    </message>
    <message>
        <source>e.g. Main shop</source>
        <translation>למשל: החנות הראשית</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>שם</translation>
    </message>
    <message>
        <source>https://shop.example.com</source>
        <translation>https://shop.example.com</translation>
    </message>
    <message>
        <source>Keep the secrets in this station's keyring</source>
        <translation>לשמור את פרטי הגישה במחזיק המפתחות של העמדה</translation>
    </message>
    <message>
        <source>Read them from environment variables</source>
        <translation>לקרוא אותם ממשתני סביבה</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>פרטי גישה</translation>
    </message>
    <message>
        <source>Connect the store</source>
        <translation>חיבור החנות</translation>
    </message>
    <message>
        <source>Secrets are never kept in the database or the settings file: a password typed here goes to the keyring; otherwise give the NAME of the environment variable that holds it on this station.</source>
        <translation>פרטי גישה לא נשמרים אף פעם במסד הנתונים או בקובץ ההגדרות: סיסמה שמקלידים כאן נשמרת במחזיק המפתחות; אחרת כתבו את השם של משתנה הסביבה שמחזיק אותה בעמדה הזו.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>כן</translation>
    </message>
    <message>
        <source>no</source>
        <translation>לא</translation>
    </message>
    <message>
        <source>Sync this store again</source>
        <translation>חידוש הסנכרון של החנות</translation>
    </message>
    <message>
        <source>{when}; {orders} orders from this store in all.</source>
        <translation>‏{when}; בסך הכול {orders} הזמנות מהחנות הזו.</translation>
    </message>
    <message>
        <source>Problem: {error}</source>
        <translation>בעיה: {error}</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>אסימון גישה</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>מפתח צרכן</translation>
    </message>
    <message>
        <source>Consumer secret</source>
        <translation>סוד צרכן</translation>
    </message>
    <message>
        <source>Access token secret</source>
        <translation>סוד אסימון הגישה</translation>
    </message>
    <message>
        <source>Store view code</source>
        <translation>קוד תצוגת החנות</translation>
    </message>
    <message>
        <source>default</source>
        <translation>ריק: ברירת המחדל</translation>
    </message>
    <message>
        <source>Inventory source code</source>
        <translation>קוד מקור המלאי</translation>
    </message>
    <message>
        <source>Store hash</source>
        <translation>מזהה החנות</translation>
    </message>
    <message>
        <source>the letters after /stores/</source>
        <translation>מנתיב הממשק של החנות, למשל abc123</translation>
    </message>
    <message>
        <source>Inventory location id</source>
        <translation>מזהה מיקום המלאי</translation>
    </message>
    <message>
        <source>the secret (kept in the keyring)</source>
        <translation>הערך הסודי (נשמר במחזיק המפתחות)</translation>
    </message>
    <message>
        <source>NAME of the environment variable</source>
        <translation>שם משתנה הסביבה</translation>
    </message>
    <message>
        <source>Store {name} is connected: test it, then sync it.</source>
        <translation>החנות {name} חוברה: בדקו אותה ואז סנכרנו אותה.</translation>
    </message>
    <message>
        <source>The BigCommerce location id is a whole number, 1 or more.</source>
        <translation>מזהה המיקום של BigCommerce הוא מספר שלם, 1 או יותר.</translation>
    </message>
    <message>
        <source>The address of {name} is saved.</source>
        <translation>הכתובת של {name} נשמרה.</translation>
    </message>
    <message>
        <source>{name} is synced again.</source>
        <translation>החנות {name} מסונכרנת שוב.</translation>
    </message>
    <message>
        <source>{name} is no longer synced.</source>
        <translation>החנות {name} כבר לא מסונכרנת.</translation>
    </message>
    <message>
        <source>Asking {name}…</source>
        <translation>פונה אל {name}…</translation>
    </message>
    <message>
        <source>Syncing {name}…</source>
        <translation>מסנכרן את {name}…</translation>
    </message>
    <message>
        <source>Stopping at the next safe point…</source>
        <translation>עוצר בנקודה הבטוחה הבאה…</translation>
    </message>
    <message>
        <source>{store}: {orders} orders read, {delivered} fulfillments sent</source>
        <translation>‏{store}‏: נקראו {orders} הזמנות, דווחו {delivered} משלוחים</translation>
    </message>
    <message>
        <source>{station} is syncing this store now; try again in a moment.</source>
        <translation>העמדה {station} מסנכרנת את החנות הזו עכשיו; נסו שוב עוד רגע.</translation>
    </message>
    <message>
        <source>Sync cancelled after {orders} orders; what was read is kept, and the next sync goes on from there.</source>
        <translation>הסנכרון בוטל אחרי {orders} הזמנות; מה שנקרא נשמר, והסנכרון הבא ימשיך משם.</translation>
    </message>
    <message>
        <source>Synced: {new} new orders, {updated} updated, {quarantined} quarantined; {delivered} fulfillments sent.</source>
        <translation>סונכרן: {new} הזמנות חדשות, {updated} עודכנו, {quarantined} בהסגר; דווחו {delivered} משלוחים.</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>הגדרות</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>מדבקות</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>אריזה</translation>
    </message>
</context>
<context>
    <name>ShortReasons</name>
    <message>
        <source>location empty</source>
        <translation>המיקום ריק</translation>
    </message>
    <message>
        <source>not enough</source>
        <translation>אין מספיק</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>פגום</translation>
    </message>
    <message>
        <source>wrong item at location</source>
        <translation>פריט אחר במיקום</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>לא נמצא</translation>
    </message>
</context>
<context>
    <name>ShortShipDialog</name>
    <message>
        <source>Short ship</source>
        <translation>משלוח חסר</translation>
    </message>
    <message>
        <source>The order goes to the exceptions queue for a supervisor. Why is it short?</source>
        <translation>ההזמנה עוברת לתור החריגים של אחראי המשמרת. למה היא חסרה?</translation>
    </message>
    <message>
        <source>Send to exceptions</source>
        <translation>העברה לחריגים</translation>
    </message>
    <message>
        <source>Ship short (supervisor)</source>
        <translation>משלוח חסר (אחראי משמרת)</translation>
    </message>
    <message>
        <source>Cancel [Esc]</source>
        <translation>ביטול [Esc]</translation>
    </message>
    <message>
        <source>Say why the order cannot be packed complete.</source>
        <translation>כתבו למה אי אפשר לארוז את ההזמנה במלואה.</translation>
    </message>
</context>
<context>
    <name>StartupView</name>
    <message>
        <source>Fulfillment station</source>
        <extracomment>The outbox backlog is counted this often (and after each store sync).</extracomment>
        <translation>עמדת הכנת משלוחים</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>לנסות שוב</translation>
    </message>
</context>
<context>
    <name>StoresView</name>
    <message>
        <source>never</source>
        <translation>אף פעם</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>חנויות</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>חנות</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>פלטפורמה</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>כתובת</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>סנכרון אחרון</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>ממתינים</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>מושהים</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>בהסגר</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>בעיה</translation>
    </message>
    <message>
        <source>Stock to send</source>
        <translation>מלאי לשליחה</translation>
    </message>
    <message>
        <source>Stock refused</source>
        <translation>מלאי שנדחה</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>הזמנה</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>שינוי</translation>
    </message>
    <message>
        <source>What the store did</source>
        <translation>מה החנות שינתה</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>עמדה</translation>
    </message>
    <message>
        <source>When</source>
        <translation>מתי</translation>
    </message>
    <message>
        <source>Why (kept in the audit log)</source>
        <translation>סיבה (נשמרת ביומן הביקורת)</translation>
    </message>
    <message>
        <source>Apply the store's change</source>
        <translation>להחיל את השינוי של החנות</translation>
    </message>
    <message>
        <source>Keep ours</source>
        <translation>להשאיר את שלנו</translation>
    </message>
    <message>
        <source>Store changes</source>
        <translation>שינויים בחנות</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>ניסיונות</translation>
    </message>
    <message>
        <source>What the store said</source>
        <translation>מה החנות ענתה</translation>
    </message>
    <message>
        <source>Send again at the next sync</source>
        <translation>לשלוח שוב בסנכרון הבא</translation>
    </message>
    <message>
        <source>Refused fulfillments</source>
        <translation>משלוחים שנדחו</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>למה</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>התקבלה</translation>
    </message>
    <message>
        <source>The order as the store sent it</source>
        <translation>ההזמנה כפי שהחנות שלחה אותה</translation>
    </message>
    <message>
        <source>Quarantined orders</source>
        <translation>הזמנות בהסגר</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>רענון</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>סנכרון עכשיו</translation>
    </message>
    <message>
        <source>An admin connects stores with 'fulfillment stores add' (see README).</source>
        <translation>מנהל מערכת מחבר חנויות בפקודה ‎'fulfillment stores add'‎ (ראו README).</translation>
    </message>
    <message>
        <source>Store changes ({count})</source>
        <translation>שינויים בחנות ({count})</translation>
    </message>
    <message>
        <source>Refused fulfillments ({count})</source>
        <translation>משלוחים שנדחו ({count})</translation>
    </message>
    <message>
        <source>Quarantined orders ({count})</source>
        <translation>הזמנות בהסגר ({count})</translation>
    </message>
    <message>
        <source>No store is connected yet.</source>
        <translation>עדיין לא מחוברת אף חנות.</translation>
    </message>
    <message>
        <source>{count} store(s).</source>
        <translation>חנויות: {count}.</translation>
    </message>
    <message>
        <source>Choose a change in the list first.</source>
        <translation>קודם בחרו שינוי ברשימה.</translation>
    </message>
    <message>
        <source>Choose a refused fulfillment in the list first.</source>
        <translation>קודם בחרו משלוח שנדחה ברשימה.</translation>
    </message>
    <message>
        <source>It will be sent again at the next sync.</source>
        <translation>הוא יישלח שוב בסנכרון הבא.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Stores: first sync…</source>
        <translation>חנויות: סנכרון ראשון…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>סנכרון עכשיו</translation>
    </message>
    <message>
        <source>{store}: syncing orders… {count}</source>
        <translation>‏{store}‏: מסנכרן הזמנות… {count}</translation>
    </message>
    <message>
        <source>{store}: syncing fulfillments… {count}</source>
        <translation>‏{store}‏: מסנכרן משלוחים… {count}</translation>
    </message>
    <message>
        <source>Stores: none connected</source>
        <translation>חנויות: אין חנות מחוברת</translation>
    </message>
    <message>
        <source>An admin connects stores with 'fulfillment stores add'.</source>
        <translation>מנהל מערכת מחבר חנויות בפקודה ‎'fulfillment stores add'‎.</translation>
    </message>
    <message>
        <source>Stores: problem at {time} ⚠</source>
        <translation>חנויות: בעיה ב-{time} ⚠</translation>
    </message>
    <message>
        <source>, {count} to send</source>
        <translation>, {count} לשליחה</translation>
    </message>
    <message>
        <source>, {count} need a supervisor</source>
        <translation>, {count} צריכים אחראי משמרת</translation>
    </message>
    <message>
        <source>Stores: synced {time} ({count} new{extra})</source>
        <translation>חנויות: סונכרנו ב-{time} ({count} חדשות{extra})</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>{grams} g</source>
        <translation>{grams} גרם</translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <source>Users</source>
        <translation>משתמשים</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>שם</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>תפקיד</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>תג</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>נעול עד</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>כניסה אחרונה</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>רענון</translation>
    </message>
    <message>
        <source>Unlock selected</source>
        <translation>שחרור הנעילה של המסומן</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>הוספת משתמש</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>4 עד 12 ספרות</translation>
    </message>
    <message>
        <source>optional: scan the badge</source>
        <translation>לא חובה: סרקו את התג</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>הוספת משתמש</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>קוד PIN</translation>
    </message>
    <message>
        <source>picker</source>
        <translation>מלקט</translation>
    </message>
    <message>
        <source>packer</source>
        <translation>אורז</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>אחראי משמרת</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>מנהל מערכת</translation>
    </message>
    <message>
        <source>Select the user to unlock first.</source>
        <translation>קודם סמנו את המשתמש לשחרור.</translation>
    </message>
    <message>
        <source>{name} is unlocked.</source>
        <translation>הנעילה של {name} שוחררה.</translation>
    </message>
    <message>
        <source>{name} is added.</source>
        <translation>‏{name} נוסף/ה.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>כן</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>picker</source>
        <extracomment>The languages the application speaks; English is the source language (no translation). The names on the language switch, each in its own language. The translators installed now (the application's and Qt's own), removed on a switch. Where the language last chosen on the sign-in screen is remembered (QSettings). Marked for lupdate; shown through :func:`word`.</extracomment>
        <translation>מלקט</translation>
    </message>
    <message>
        <source>packer</source>
        <translation>אורז</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>אחראי משמרת</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>מנהל מערכת</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>מתחבר</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>מחובר</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>מתחבר מחדש</translation>
    </message>
    <message>
        <source>error</source>
        <translation>שגיאה</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>עצר</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ממתין</translation>
    </message>
    <message>
        <source>picking</source>
        <translation>בליקוט</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>לוקט</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>חריג</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>בוטל</translation>
    </message>
    <message>
        <source>active</source>
        <translation>פעיל</translation>
    </message>
    <message>
        <source>item missing</source>
        <translation>פריט חסר</translation>
    </message>
    <message>
        <source>item damaged</source>
        <translation>פריט פגום</translation>
    </message>
    <message>
        <source>wrong item in the tote</source>
        <translation>פריט שגוי בארגז</translation>
    </message>
    <message>
        <source>not enough in stock</source>
        <translation>אין מספיק במלאי</translation>
    </message>
    <message>
        <source>customer asked for a partial shipment</source>
        <translation>הלקוח ביקש משלוח חלקי</translation>
    </message>
    <message>
        <source>fcfs</source>
        <translation>לפי סדר הגעה</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>לפי הזמנת עוגן</translation>
    </message>
    <message>
        <source>savings</source>
        <translation>לפי חיסכון בהליכה</translation>
    </message>
    <message>
        <source>ils</source>
        <translation>מסלול מיטבי (חיפוש מקומי)</translation>
    </message>
</context>
</TS>
