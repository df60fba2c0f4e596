app-name = Clientele
nav-dashboard = Dashboard
nav-customers = Customers
nav-sign-out = Sign out
signed-in-as = Signed in as { $name }

sign-in-title = Sign in
sign-in-email = E-mail
sign-in-password = Password
sign-in-submit = Sign in
sign-in-failed = The e-mail or the password is wrong.
sign-in-locked = Too many failed attempts. Try again in a few minutes.
sign-in-expired = The sign-in form had expired. Please try again.

dashboard-title = What kind of customers we have
dashboard-stages = Lifecycle stage
dashboard-tiers = Value tier
dashboard-flags = Flags
dashboard-classified = { $count ->
    [one] One customer classified on { $date }
   *[other] { $count } customers classified on { $date }
}
dashboard-not-classified = The customers have not been classified yet.
dashboard-moved = Who moved in the last 7 days
moved-lapsed = Became lapsed
moved-won-back = Won back
moved-dissatisfied = Became dissatisfied
moved-none = Nobody.
dashboard-alerts = Unusual reads and exports
dashboard-alerts-intro = Days of the last 7 on which an employee read or exported far more customers than they usually do: more than { $factor } times their daily average over the 30 days before, and at least { $min }.
dashboard-alerts-none = No employee read or exported far more customers than usual in the last 7 days.
dashboard-alert = { $count ->
    [one] { $actor } read or exported { $customers } customer on { $day }; usually { $usual } a day
   *[other] { $actor } read or exported { $customers } customers on { $day }; usually { $usual } a day
}
dashboard-alert-log = See in the audit log

stage-prospect = Prospect
stage-new = New
stage-repeat = Repeat
stage-lapsed = Lapsed
stage-lost = Lost
stage-reborn = Won back
tier-A = A (primary)
tier-B = B
tier-C = C (secondary)
flag-dissatisfied = Dissatisfied
flag-windbag = Windbag
flag-unprofitable = Unprofitable
flag-let_go = To let go
flag-ideal_prospect = Ideal prospect
flag-owner_risk = Owner risk

customers-title = Customers
filter-stage = Stage
filter-tier = Tier
filter-flag = Flag
filter-search = Search name, e-mail or phone
filter-any = Any
filter-apply = Show
export-csv = Export these customers (CSV)
col-id = Id
col-name = Name
col-stage = Stage
col-tier = Tier
col-flags = Flags
col-owner = Owner
col-city = City
next-page = Next page
no-customers = No customer matches.
unnamed = (no name)

customer-types = Type
customer-evidence = Why
customer-actions = What to do
customer-whose-job = Whose job: { $owner }
customer-metrics = Figures
customer-organisation = Organisation
customer-owner = Owner
customer-no-owner = No owner
customer-timeline = Timeline
customer-not-classified = Not classified yet.
metric-recency = Days since the last order
metric-orders = Orders
metric-monetary = Spent in all
metric-profit = Profit, last { $days } { $count ->
    [one] day
   *[other] days
}
metric-p-alive = Probability still active
metric-clv = Value over the next 12 months
timeline-order = Order of { $amount }
timeline-complaint = Complaint: { $subject }
timeline-complaint-resolved = resolved
timeline-feedback = Feedback: NPS { $nps }
timeline-interaction = Contact ({ $channel })
timeline-empty = Nothing recorded yet.
add-complaint = Record a complaint
complaint-subject = What is it about
complaint-severity = Severity
severity-low = Low
severity-medium = Medium
severity-high = High
severity-critical = Critical
complaint-submit = Record

preferences-language = Language
preferences-calendar = Calendar for dates
preferences-automatic = Automatic
calendar-gregorian = Gregorian
calendar-jalali = Solar Hijri (Jalali)
preferences-save = Save

error-not-found = Not found.
error-forbidden = You may not see this page.
skip-to-content = Skip to the content
error-invalid = Some of what was sent is not right.
error-conflict = This clashes with what is already stored; nothing was changed.
error-too-many = Too many attempts; try again in a while.
error-too-large = What was sent is too large.
error-ours = Something went wrong on our side; nothing was changed. Try again, and tell your administrator if it happens again.
error-other = The request could not be done.
form-refused = Not saved: correct what is marked and send again.
nav-preferences = My account
preferences-title = Language, calendar and time zone
preferences-time-zone = Time zone
preferences-utc = UTC (the default)
preferences-saved = Your preferences are saved.
password-title = Password
password-current = Current password
password-new = New password
password-repeat = New password again
password-rules = At least 12 characters, without your e-mail name in it. Your other sessions end.
password-change = Change the password
password-changed = Your password is changed; your other sessions have ended.
password-must-change = Your password was made for you by somebody else: choose your own before you go on.
