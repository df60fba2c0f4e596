app-name = Clientele
nav-dashboard = Dashboard
nav-customers = Mga Kliyente
nav-sign-out = Mag-sign out
signed-in-as = Naka-sign in bilang { $name }

sign-in-title = Mag-sign in
sign-in-email = E-mail
sign-in-password = Password
sign-in-submit = Mag-sign in
sign-in-failed = Mali ang e-mail o ang password.
sign-in-locked = Masyadong maraming bigong pagsubok. Subukan muli pagkalipas ng ilang minuto.
sign-in-expired = Nag-expire na ang form. Pakisubukan muli.

dashboard-title = Anong uri ng mga kliyente ang mayroon tayo
dashboard-stages = Yugto
dashboard-tiers = Antas ng halaga
dashboard-flags = Mga marka
dashboard-classified = { $count ->
    [one] { $count } kliyente ang nauri noong { $date }
   *[other] { $count } na kliyente ang nauri noong { $date }
}
dashboard-not-classified = Hindi pa nauuri ang mga kliyente.
dashboard-moved = Sino ang nagbago sa nakaraang 7 araw
moved-lapsed = Nanahimik
moved-won-back = Nabawi
moved-dissatisfied = Naging hindi kuntento
moved-none = Wala.
dashboard-alerts = Hindi karaniwang pagbasa at pag-export
dashboard-alerts-intro = Mga araw sa nakaraang 7 kung kailan nagbasa o nag-export ang isang empleyado ng mas maraming kliyente kaysa karaniwan: higit sa { $factor } ulit ng kanyang karaniwan bawat araw sa 30 araw bago nito, at hindi bababa sa { $min }.
dashboard-alerts-none = Walang empleyadong nagbasa o nag-export ng mas maraming kliyente kaysa karaniwan sa nakaraang 7 araw.
dashboard-alert = { $count ->
    [one] Nagbasa o nag-export si { $actor } ng { $customers } kliyente noong { $day }; karaniwan ay { $usual } bawat araw
   *[other] Nagbasa o nag-export si { $actor } ng { $customers } na kliyente noong { $day }; karaniwan ay { $usual } bawat araw
}
dashboard-alert-log = Tingnan sa talaan ng audit

stage-prospect = Prospect
stage-new = Bago
stage-repeat = Suki
stage-lapsed = Nanahimik
stage-lost = Nawala
stage-reborn = Nabawi
tier-A = A (pangunahin)
tier-B = B
tier-C = C (pangalawa)
flag-dissatisfied = Hindi kuntento
flag-windbag = Reklamador
flag-unprofitable = Lugi
flag-let_go = Pakakawalan
flag-ideal_prospect = Huwarang prospect
flag-owner_risk = Panganib sa may-hawak

customers-title = Mga Kliyente
filter-stage = Yugto
filter-tier = Antas
filter-flag = Marka
filter-search = Hanapin ang pangalan, e-mail o telepono
filter-any = Lahat
filter-apply = Ipakita
export-csv = I-export ang mga kliyenteng ito (CSV)
col-id = Id
col-name = Pangalan
col-stage = Yugto
col-tier = Antas
col-flags = Mga marka
col-owner = May-hawak
col-city = Lungsod
next-page = Susunod na pahina
no-customers = Walang tugmang kliyente.
unnamed = (walang pangalan)

customer-types = Uri
customer-evidence = Bakit
customer-actions = Ano ang gagawin
customer-whose-job = Trabaho ni { $owner }
customer-metrics = Mga bilang
customer-organisation = Organisasyon
customer-owner = May-hawak
customer-no-owner = Walang may-hawak
customer-timeline = Kasaysayan
customer-not-classified = Hindi pa nauuri.
metric-recency = Araw mula sa huling order
metric-orders = Mga order
metric-monetary = Kabuuang ginastos
metric-profit = Tubo sa nakaraang { $days } araw
metric-p-alive = Posibilidad na aktibo pa
metric-clv = Halaga sa susunod na 12 buwan
timeline-order = Order na { $amount }
timeline-complaint = Reklamo: { $subject }
timeline-complaint-resolved = nalutas
timeline-feedback = Puna: NPS { $nps }
timeline-interaction = Pakikipag-ugnayan ({ $channel })
timeline-empty = Wala pang naitala.
add-complaint = Magtala ng reklamo
complaint-subject = Tungkol saan
complaint-severity = Bigat
severity-low = Mababa
severity-medium = Katamtaman
severity-high = Mataas
severity-critical = Kritikal
complaint-submit = Itala

preferences-language = Wika
preferences-calendar = Kalendaryo ng mga petsa
preferences-automatic = Awtomatiko
calendar-gregorian = Gregoryano
calendar-jalali = Solar Hijri (Jalali)
preferences-save = I-save

error-not-found = Hindi nahanap.
error-forbidden = Hindi mo maaaring makita ang pahinang ito.
skip-to-content = Lumaktaw sa nilalaman
error-invalid = May mali sa ipinadala.
error-conflict = Sumasalungat ito sa nakatala na; walang binago.
error-too-many = Napakaraming subok; subukang muli mamaya.
error-too-large = Masyadong malaki ang ipinadala.
error-ours = May nagkamali sa panig namin; walang binago. Subukang muli, at sabihin sa administrator kung maulit.
error-other = Hindi nagawa ang kahilingan.
form-refused = Hindi na-save: itama ang may marka at ipadala muli.
nav-preferences = Aking account
preferences-title = Wika, kalendaryo at time zone
preferences-time-zone = Time zone
preferences-utc = UTC (ang default)
preferences-saved = Na-save ang iyong mga kagustuhan.
password-title = Password
password-current = Kasalukuyang password
password-new = Bagong password
password-repeat = Ulitin ang bagong password
password-rules = Hindi bababa sa 12 character, walang pangalan ng iyong e-mail. Matatapos ang iba mong session.
password-change = Palitan ang password
password-changed = Napalitan ang iyong password; natapos na ang iba mong session.
password-must-change = Iba ang gumawa ng iyong password: pumili ng sarili mo bago magpatuloy.
