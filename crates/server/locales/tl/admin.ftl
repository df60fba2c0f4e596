# Mga pahina ng admin: mga setting, koponan, talaan ng audit, pag-import.
nav-team = Koponan
nav-import = Mag-import
nav-settings = Mga setting
nav-audit = Talaan ng audit
role-admin = Administrador
role-manager = Manager
role-agent = Ahente
role-analyst = Analista

settings-title = Mga setting ng uri ng kliyente
settings-intro = Ang mga hangganang nagpapasya sa yugto, antas at mga marka ng bawat kliyente. Ipinapakita ng "Silipin" kung ilang kliyente ang magbabago ng uri bago may ma-save; sa pag-save, muling susuriin ang lahat ng kliyente.
settings-errors = May mga halagang hindi magagamit
settings-nothing-saved = Walang na-save.
settings-preview-title = Kung ise-save mo ang mga setting na ito
settings-preview-not-saved = Silip lamang ito: wala pang na-save.
settings-saved-title = Na-save ang mga setting
settings-preview = Silipin
settings-save = I-save
settings-group-stage = Yugto (siklo ng buhay)
settings-group-tier = Antas (halaga)
settings-group-flag = Mga marka
settings-out-of-range = { $field }: dapat ay { $range }.
settings-not-whole = { $field }: maglagay ng buong numero.
settings-not-number = { $field }: maglagay ng numero.
settings-unreadable = Hindi mabasa ang mga halagang ito.
settings-move = { $count ->
    [one] { $n } kliyente
   *[other] { $n } na kliyente
}: { $from } → { $to }
settings-move-raised = { $count ->
    [one] { $n } kliyente
   *[other] { $n } na kliyente
}: magiging "{ $flag }"
settings-move-cleared = { $count ->
    [one] { $n } kliyente
   *[other] { $n } na kliyente
}: hindi na "{ $flag }"
settings-preview-summary = { $count ->
    [one] { $n } kliyente sa { $total } ang magbabago ng uri.
   *[other] { $n } na kliyente sa { $total } ang magbabago ng uri.
}
settings-saved = { $count ->
    [one] Muling sinuri ang { $n } kliyente; { $changes } pagbabago ng uri ang naitala. Ang mga bilang ngayon:
   *[other] Muling sinuri ang { $n } na kliyente; { $changes } pagbabago ng uri ang naitala. Ang mga bilang ngayon:
}

setting-new_days = Bago: unang order sa loob ng (araw)
setting-new_days-range = 1 hanggang 36500 araw
setting-lapse_min_days = Nawawala: walang order nang hindi bababa sa (araw)
setting-lapse_min_days-range = 0 hanggang 36500 araw
setting-lapse_interval_multiple = Nawawala: tahimik nang ganito karaming karaniwang pagitan
setting-lapse_interval_multiple-range = higit sa 0, hanggang 1000
setting-lapse_p_alive = Nawawala: tsansang aktibo pa ay mas mababa sa
setting-lapse_p_alive-range = 0 hanggang 1
setting-lost_days = Nawala na: walang order sa loob ng (araw)
setting-lost_days-range = 1 hanggang 36500 araw
setting-lost_p_alive = Nawala na: tsansang aktibo pa ay mas mababa sa
setting-lost_p_alive-range = 0 hanggang 1
setting-reborn_days = Nabawi: umorder muli sa loob ng (araw)
setting-reborn_days-range = 1 hanggang 36500 araw
setting-tier_a_share = Antas A: bahagi ng kita
setting-tier_a_share-range = 0 hanggang 1
setting-tier_b_share = Antas B: susunod na bahagi ng kita
setting-tier_b_share-range = 0 hanggang 1, at kasama ng antas A ay hanggang 1
setting-profit_window_days = Panahon ng kita (araw)
setting-profit_window_days-range = 1 hanggang 36500 araw
setting-default_margin_rate = Ipinapalagay na tubo kapag hindi alam ang gastos
setting-default_margin_rate-range = 0 hanggang 1
setting-dissatisfied_days = Hindi kontento: tinitingnang panahon (araw)
setting-dissatisfied_days-range = 1 hanggang 36500 araw
setting-dissatisfied_nps_max = Hindi kontento: NPS hanggang
setting-dissatisfied_nps_max-range = 0 hanggang 10
setting-dissatisfied_csat_max = Hindi kontento: CSAT hanggang
setting-dissatisfied_csat_max-range = 1 hanggang 5
setting-complaint_open_days = Hindi kontento: reklamong bukas nang higit sa (araw)
setting-complaint_open_days-range = 0 hanggang 36500 araw
setting-dissatisfied_complaints = Hindi kontento: hindi bababa sa ganitong bilang ng reklamo
setting-dissatisfied_complaints-range = 1 hanggang 1000000
setting-windbag_complaints = Madaldal: hindi bababa sa ganitong bilang ng reklamo
setting-windbag_complaints-range = 1 hanggang 1000000
setting-windbag_interactions = Madaldal: o ganitong bilang ng pakikipag-ugnayan sa serbisyo
setting-windbag_interactions-range = 1 hanggang 1000000
setting-let_go_cost_multiple = Pakawalan: gastos sa serbisyo na hindi bababa sa ganitong multiple ng tubo
setting-let_go_cost_multiple-range = higit sa 0, hanggang 1000
setting-ideal_prospect_share = Huwarang prospect: pinakamataas na bahagi ng iskor ng pagkakahawig
setting-ideal_prospect_share-range = 0 hanggang 1
setting-owner_risk_days = Panganib sa may-hawak: lahat ng ugnayan sa loob ng (araw) ay mula sa iisang empleyado
setting-owner_risk_days-range = 1 hanggang 36500 araw

team-title = Koponan
team-employees = Mga empleyado
team-col-name = Pangalan
team-col-email = E-mail
team-col-role = Tungkulin
team-col-team = Koponan
team-col-status = Katayuan
team-col-customers = Mga kliyente
team-active = Aktibo
team-inactive = Hindi aktibo
team-deactivate = I-deactivate
team-deactivate-who = I-deactivate si { $email }
team-deactivated = Na-deactivate si { $email }: hindi na gumagana ang kanyang mga session at token. Ipasa ang kanyang mga kliyente sa ibaba.
team-not-yourself = Hindi mo maaaring i-deactivate ang sarili mo.
team-add = Magdagdag ng user
team-field-email = E-mail
team-field-name = Pangalan
team-field-role = Tungkulin
team-field-team = Koponan
team-field-left_at = Petsa ng pag-alis
team-add-submit = Idagdag
team-added = Naidagdag si { $email }
team-one-time = Nasa ibaba ang kanyang isang-beses na password. Ibigay ito ngayon: hindi na ito ipapakita muli.
team-invalid-field = { $field }: hindi magagamit ang halagang ito.
team-duplicate-email = May empleyado nang may ganitong e-mail.
team-not-found = Walang ganitong empleyado sa iyong koponan.
team-failed = Hindi ito nagawa.
team-handover = Ipasa ang mga kliyente
team-handover-help = Kapag may umalis, ibigay ang kanyang mga kliyente sa isang kasamahan. Kapag ipinasa lahat, made-deactivate din ang aalis.
team-handover-from = Mula kay
team-handover-to = Kay
team-handover-customers-hint = Paghiwalayin ang mga id ng kuwit o espasyo.
team-handover-submit = Ipasa
team-handover-result = Naipasa na
team-handover-done = { $count ->
    [one] { $n } kliyente ang inilipat mula kay { $from } papunta kay { $to }.
   *[other] { $n } na kliyente ang inilipat mula kay { $from } papunta kay { $to }.
}
team-handover-deactivated = Na-deactivate si { $email }.
team-handover-not-theirs = Ang ilan sa mga kliyenteng ito ay hindi kliyente ng aalis.
team-handover-invalid = Pumili ng dalawang magkaibang empleyado; ang tatanggap ay dapat nagtatrabaho pa rito.
team-no-tier-a = Walang kliyenteng antas A sa kanila.
team-tier-a-customer = Kliyenteng antas A
team-risk-before = Nanganganib bago
team-risk-after = Nanganganib pagkatapos
team-at-risk = Nanganganib
team-not-at-risk = Hindi nanganganib

audit-title = Talaan ng audit
audit-since = Mula noong
audit-actor = Sino (e-mail)
audit-action = Aksyon
audit-none = Walang tala.
audit-col-when = Kailan
audit-col-actor = Sino
audit-col-action = Aksyon
audit-col-what = Ano
audit-col-address = Mula saan
audit-col-details = Detalye
audit-older = Mas lumang tala
audit-bad-date = Hindi mabasa ang petsa; hindi ito pinansin.

import-title = Mag-import
import-intro = Mag-upload ng CSV file. Sinusuri muna ang bawat hilera: kung may mali, walang maii-import, maliban kung piliin mong i-import ang mga tamang hilera at laktawan ang iba.
import-kind = Laman ng file
import-kind-customers = Mga kliyente
import-kind-orders = Mga order
import-kind-interactions = Mga pakikipag-ugnayan
import-kind-complaints = Mga reklamo
import-kind-feedback = Mga puna
import-kind-costs = Mga gastos
import-kind-employees = Mga empleyado
import-file = CSV file
import-limit = Mga file na hanggang { $kib } KiB.
import-skip-invalid = I-import ang mga tamang hilera at laktawan ang iba
import-submit = Suriin at i-import
import-choose-kind = Piliin ang laman ng file.
import-choose-file = Pumili ng file.
import-refused = { $count ->
    [one] { $file }: { $n } problema; walang na-import.
   *[other] { $file }: { $n } na problema; walang na-import.
}
import-col-line = Linya
import-col-column = Kolum
import-col-problem = Ano ang mali
import-done-title = Na-import
import-done = { $file }: { $n } hilera: { $inserted } idinagdag, { $updated } binago, { $unchanged } walang pagbabago, { $rejected } nilaktawan, { $created } bagong kliyente mula sa mga order.
import-skipped = Mga nilaktawang hilera
import-reevaluated-customers = Mga uri: muling sinuri ang { $n } kliyenteng binanggit sa file; { $changes } pagbabago ang naitala.
import-reevaluated-all = Mga uri: muling sinuri ang lahat ng { $n } kliyente; { $changes } pagbabago ang naitala.
import-columns = Mga column
import-columns-help = Kailangan sa bawat hilera ang mga column na naka-bold; maaaring wala ang iba.
team-handover-customers = Ang mga customer (mga id)
team-handover-choose = — piliin kung sino ang tatanggap —
team-handover-which = Aling mga customer
team-handover-which-chosen = Ang mga customer lang na nakapangalan sa ibaba
team-handover-which-all = Lahat sila, at i-deactivate ang aalis
team-handover-choose-to = Piliin kung sino ang tatanggap ng mga customer.
team-handover-name-customers = Pangalanan ang mga customer na ililipat, o piliin ang "lahat sila".
team-handover-confirm = Ilipat lahat at i-deactivate?
team-handover-confirm-text = { $count ->
    [1] Ililipat nito ang nag-iisang customer ni { $from } kay { $to } at ide-deactivate si { $from }: matatapos agad ang kanyang mga session at token.
   *[other] Ililipat nito ang lahat ng { $n } customer ni { $from } kay { $to } at ide-deactivate si { $from }: matatapos agad ang kanyang mga session at token.
}
team-handover-confirm-yes = Oo, ilipat lahat at i-deactivate
team-deactivate-confirm-text = { $count ->
    [0] Ang pag-deactivate kay { $email } ay tatapos agad sa kanyang mga session at token. Wala siyang customer.
    [1] Ang pag-deactivate kay { $email } ay tatapos agad sa kanyang mga session at token. Mananatili sa kanya ang nag-iisa niyang customer, nang walang matatawagan sa trabaho, hanggang mailipat: ilipat muna, o sa ibaba pagkatapos.
   *[other] Ang pag-deactivate kay { $email } ay tatapos agad sa kanyang mga session at token. Mananatili sa kanya ang { $n } niyang customer, nang walang matatawagan sa trabaho, hanggang mailipat: ilipat muna, o sa ibaba pagkatapos.
}
team-deactivate-confirm-yes = Oo, i-deactivate
import-nothing-title = Walang na-import
import-partly-title = Na-import, may mga nilaktawang hilera
audit-anyone = Sinuman
audit-any-action = Anumang gawain
audit-no = Hindi
audit-since-hint = Isang araw, hal. { $example }
audit-action-sign-in = Nag-sign in
audit-action-sign-out = Nag-sign out
audit-action-create = Nagdagdag
audit-action-update = Nagbago
audit-action-delete = Nagbura
audit-action-settings = Nagbago ng settings
audit-action-handover = Naglipat ng mga kliyente
audit-action-import = Nag-import ng file
audit-action-export = Nag-export
audit-action-list = Naglista
audit-action-backfill = Pinatakbo ang playbook sa kasaysayan
audit-action-erase = Binura ang personal na datos
audit-action-probe = Humingi ng labas sa saklaw niya
audit-action-permission-denied = Tinanggihan
audit-entity-customer = Kliyente
audit-entity-employee = Empleyado
audit-entity-playbook = Playbook
audit-entity-settings = Settings
audit-entity-task = Gawain
audit-entity-token = API token
audit-entity-order = Order
audit-entity-cost = Gastos
audit-entity-interaction = Kontak
audit-entity-complaint = Reklamo
audit-entity-feedback = Feedback
audit-detail-fields = Mga field
audit-detail-rows = Mga hilera
audit-detail-complete = Buo
audit-detail-filters = Mga filter
audit-detail-tasks = Mga gawain
audit-detail-moved = Nailipat
audit-detail-deactivated = Na-deactivate
audit-detail-to = Kay
audit-detail-active = Bukas
audit-action-sign-in-failed = Hindi nakapag-sign in
