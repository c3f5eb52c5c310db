"""The upper level's server (``desk-hub``, cấp trên: the province or a former-district office).

It receives the communes' value sets and minimal dossier records over a versioned API, shows the staff
a dashboard and citizens a public lookup page. It imports desk_app.domain only: never Qt, never the desk's
store or services, so it installs and starts on a server without a display.
"""
