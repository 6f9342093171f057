<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Not found · Consensus Ledger</title>
    <link rel="stylesheet" href="/site/site.css">
    <link rel="alternate" type="application/atom+xml" href="/feeds/decisions.atom" title="Every decision, as an Atom feed">
</head>
<body>

    <a class="skip" href="#main">Skip to the content</a>
    <header class="site">
        <a class="name" href="/">Consensus Ledger</a>
        <span>How every decision was reached, and how every voice was handled</span>
        <nav aria-label="Site"><a href="/proposals">Search proposals</a>
            <a href="/open-data">Open data</a></nav>
        <nav class="languages" aria-label="Language">
    <ul>
        <li><a href="/readyz/readinessState?lang=en" lang="en" hreflang="en"
                dir="ltr" aria-current="true">English</a></li>
        <li><a href="/readyz/readinessState?lang=es" lang="es" hreflang="es"
                dir="ltr">Español</a></li>
        <li><a href="/readyz/readinessState?lang=fr" lang="fr" hreflang="fr"
                dir="ltr">Français</a></li>
    </ul>
</nav>
        <form class="zone-switch" method="get">
    
    <label for="tz">Time zone</label>
    <input id="tz" name="tz" type="text" list="tz-zones" autocomplete="off" spellcheck="false" size="18"
           maxlength="40" value="UTC" aria-describedby="tz-hint">
    <datalist id="tz-zones"><option value="UTC"></option><option value="Europe/London"></option><option value="Europe/Lisbon"></option><option value="Europe/Paris"></option><option value="Europe/Brussels"></option><option value="Europe/Berlin"></option><option value="Europe/Zurich"></option><option value="Europe/Madrid"></option><option value="Europe/Rome"></option><option value="Europe/Warsaw"></option><option value="Europe/Athens"></option><option value="Europe/Helsinki"></option><option value="Europe/Istanbul"></option><option value="Europe/Moscow"></option><option value="Africa/Casablanca"></option><option value="Africa/Lagos"></option><option value="Africa/Cairo"></option><option value="Africa/Nairobi"></option><option value="Africa/Johannesburg"></option><option value="Asia/Dubai"></option><option value="Asia/Karachi"></option><option value="Asia/Kolkata"></option><option value="Asia/Dhaka"></option><option value="Asia/Bangkok"></option><option value="Asia/Singapore"></option><option value="Asia/Shanghai"></option><option value="Asia/Tokyo"></option><option value="Australia/Sydney"></option><option value="Pacific/Auckland"></option><option value="America/Sao_Paulo"></option><option value="America/Argentina/Buenos_Aires"></option><option value="America/Bogota"></option><option value="America/Mexico_City"></option><option value="America/New_York"></option><option value="America/Chicago"></option><option value="America/Denver"></option><option value="America/Los_Angeles"></option><option value="Pacific/Honolulu"></option></datalist>
    <button type="submit">Show times in this zone</button>
    <span id="tz-hint" class="hint">Times are shown in this zone, with UTC beside them.</span>
    
</form>
    </header>
    
    

<main id="main">
    <h1>Not found</h1>
    <p>Nothing is recorded at this address.</p>
    <p><a href="/">Back to the bodies and the latest decisions</a></p>
</main>
<footer class="site">
    <p>Every page is built from the public event log, which anyone can export and verify.</p>
    <nav aria-label="About this record">
        <ul class="footer-links">
            <li><a href="/verify">Verify this record</a></li>
            <li><a href="/open-data">Open data and feeds</a></li>
            <li><a href="/api/audit/checkpoint">The log&#39;s latest signed checkpoint</a></li>
            <li><a href="/self-check">The ledger&#39;s self-check</a></li>
            <li><a href="/v3/api-docs">The public API (OpenAPI)</a></li>
            <li><a href="/accessibility">Accessibility</a></li>
        </ul>
    </nav>
</footer>
</body>
</html>
