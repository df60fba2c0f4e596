# Admin pages: settings, team, audit log, import.
nav-team = Team
nav-import = Import
nav-settings = Settings
nav-audit = Audit log
role-admin = Administrator
role-manager = Manager
role-agent = Agent
role-analyst = Analyst

settings-title = Customer type settings
settings-intro = The thresholds that decide each customer's stage, tier and flags. Preview shows how many customers would change type before anything is saved; saving re-evaluates every customer.
settings-errors = Some values cannot be used
settings-nothing-saved = Nothing was saved.
settings-preview-title = If you save these settings
settings-preview-not-saved = This is a preview: nothing has been saved yet.
settings-saved-title = Settings saved
settings-preview = Preview
settings-save = Save
settings-group-stage = Stage (life cycle)
settings-group-tier = Tier (value)
settings-group-flag = Flags
settings-out-of-range = { $field }: must be { $range }.
settings-not-whole = { $field }: enter a whole number.
settings-not-number = { $field }: enter a number.
settings-unreadable = These values cannot be read.
settings-move = { $count ->
    [one] { $n } customer
   *[other] { $n } customers
}: { $from } → { $to }
settings-move-raised = { $count ->
    [one] { $n } customer
   *[other] { $n } customers
}: become “{ $flag }”
settings-move-cleared = { $count ->
    [one] { $n } customer
   *[other] { $n } customers
}: no longer “{ $flag }”
settings-preview-summary = { $count ->
    [one] { $n } customer of { $total } would change type.
   *[other] { $n } customers of { $total } would change type.
}
settings-saved = { $count ->
    [one] { $n } customer re-evaluated; { $changes } changes of type recorded. The counts now:
   *[other] { $n } customers re-evaluated; { $changes } changes of type recorded. The counts now:
}

setting-new_days = New: first order within (days)
setting-new_days-range = 1 to 36500 days
setting-lapse_min_days = Lapsed: silent for at least (days)
setting-lapse_min_days-range = 0 to 36500 days
setting-lapse_interval_multiple = Lapsed: silent for this many of their usual intervals
setting-lapse_interval_multiple-range = more than 0, at most 1000
setting-lapse_p_alive = Lapsed: chance still active below
setting-lapse_p_alive-range = 0 to 1
setting-lost_days = Lost: no order for (days)
setting-lost_days-range = 1 to 36500 days
setting-lost_p_alive = Lost: chance still active below
setting-lost_p_alive-range = 0 to 1
setting-reborn_days = Won back: ordered again within (days)
setting-reborn_days-range = 1 to 36500 days
setting-tier_a_share = Tier A: share of profit
setting-tier_a_share-range = 0 to 1
setting-tier_b_share = Tier B: next share of profit
setting-tier_b_share-range = 0 to 1, and with tier A at most 1
setting-profit_window_days = Profit window (days)
setting-profit_window_days-range = 1 to 36500 days
setting-default_margin_rate = Margin assumed when cost is unknown
setting-default_margin_rate-range = 0 to 1
setting-dissatisfied_days = Dissatisfied: looking back (days)
setting-dissatisfied_days-range = 1 to 36500 days
setting-dissatisfied_nps_max = Dissatisfied: NPS at most
setting-dissatisfied_nps_max-range = 0 to 10
setting-dissatisfied_csat_max = Dissatisfied: CSAT at most
setting-dissatisfied_csat_max-range = 1 to 5
setting-complaint_open_days = Dissatisfied: complaint open longer than (days)
setting-complaint_open_days-range = 0 to 36500 days
setting-dissatisfied_complaints = Dissatisfied: at least this many complaints
setting-dissatisfied_complaints-range = 1 to 1000000
setting-windbag_complaints = Windbag: at least this many complaints
setting-windbag_complaints-range = 1 to 1000000
setting-windbag_interactions = Windbag: or this many service contacts
setting-windbag_interactions-range = 1 to 1000000
setting-let_go_cost_multiple = To let go: cost to serve at least this multiple of margin
setting-let_go_cost_multiple-range = more than 0, at most 1000
setting-ideal_prospect_share = Ideal prospect: top share of lookalike scores
setting-ideal_prospect_share-range = 0 to 1
setting-owner_risk_days = Owner risk: contacts over (days) all from one employee
setting-owner_risk_days-range = 1 to 36500 days

team-title = Team
team-employees = Employees
team-col-name = Name
team-col-email = E-mail
team-col-role = Role
team-col-team = Team
team-col-status = Status
team-col-customers = Customers
team-active = Active
team-inactive = Inactive
team-deactivate = Deactivate
team-deactivate-who = Deactivate { $email }
team-deactivated = { $email } was deactivated: their sessions and tokens no longer work. Hand their customers over below.
team-not-yourself = You cannot deactivate yourself.
team-add = Add a user
team-field-email = E-mail
team-field-name = Name
team-field-role = Role
team-field-team = Team
team-field-left_at = Date of leaving
team-add-submit = Add
team-added = { $email } was added
team-one-time = Their one-time password is below. Give it to them now: it will not be shown again.
team-invalid-field = { $field }: this value cannot be used.
team-duplicate-email = An employee with this e-mail already exists.
team-not-found = No such employee in your team.
team-failed = This could not be done.
team-handover = Hand customers over
team-handover-help = When someone leaves, give their customers to a colleague. Handing over all of them also deactivates the one who leaves.
team-handover-from = From
team-handover-to = To
team-handover-customers-hint = Separate ids with commas or spaces.
team-handover-submit = Hand over
team-handover-result = Handover done
team-handover-done = { $count ->
    [one] { $n } customer moved from { $from } to { $to }.
   *[other] { $n } customers moved from { $from } to { $to }.
}
team-handover-deactivated = { $email } was deactivated.
team-handover-not-theirs = Some of these customers are not customers of the one who leaves.
team-handover-invalid = Choose two different employees; the one who takes the customers must still work here.
team-no-tier-a = No tier-A customer was among them.
team-tier-a-customer = Tier-A customer
team-risk-before = At risk before
team-risk-after = At risk after
team-at-risk = At risk
team-not-at-risk = Not at risk

audit-title = Audit log
audit-since = Since
audit-actor = Who (e-mail)
audit-action = Action
audit-none = No entries.
audit-col-when = When
audit-col-actor = Who
audit-col-action = Action
audit-col-what = What
audit-col-address = From
audit-col-details = Details
audit-older = Older entries
audit-bad-date = The date cannot be read; it was ignored.

import-title = Import
import-intro = Upload a CSV file. Every row is checked first: if any is wrong, nothing is imported, unless you choose to import the valid rows and skip the rest.
import-kind = What the file holds
import-kind-customers = Customers
import-kind-orders = Orders
import-kind-interactions = Interactions
import-kind-complaints = Complaints
import-kind-feedback = Feedback
import-kind-costs = Costs
import-kind-employees = Employees
import-file = CSV file
import-limit = Files up to { $kib } KiB.
import-skip-invalid = Import the valid rows and skip the rest
import-submit = Check and import
import-choose-kind = Choose what the file holds.
import-choose-file = Choose a file.
import-refused = { $count ->
    [one] { $file }: { $n } problem; nothing was imported.
   *[other] { $file }: { $n } problems; nothing was imported.
}
import-col-line = Line
import-col-column = Column
import-col-problem = What is wrong
import-done-title = Imported
import-done = { $file }: { $n } rows: { $inserted } added, { $updated } updated, { $unchanged } unchanged, { $rejected } skipped, { $created } new customers from orders.
import-skipped = Rows skipped
import-reevaluated-customers = { $count ->
    [one] Types: { $n } customer named in the file re-evaluated; { $changes } changes recorded.
   *[other] Types: { $n } customers named in the file re-evaluated; { $changes } changes recorded.
}
import-reevaluated-all = { $count ->
    [one] Types: all { $n } customer re-evaluated; { $changes } changes recorded.
   *[other] Types: all { $n } customers re-evaluated; { $changes } changes recorded.
}
import-columns = Columns
import-columns-help = Columns in bold are required in every row; the others may be left out.
team-handover-customers = The customers (ids)
team-handover-choose = — choose who takes them —
team-handover-which = Which customers
team-handover-which-chosen = Only the customers named below
team-handover-which-all = All of them, and deactivate the one who leaves
team-handover-choose-to = Choose who takes the customers.
team-handover-name-customers = Name the customers to hand over, or choose "all of them".
team-handover-confirm = Hand over all and deactivate?
team-handover-confirm-text = { $count ->
    [one] This moves the one customer of { $from } to { $to } and deactivates { $from }: their sessions and tokens end at once.
   *[other] This moves all { $n } customers of { $from } to { $to } and deactivates { $from }: their sessions and tokens end at once.
}
team-handover-confirm-yes = Yes, hand over all and deactivate
team-deactivate-confirm-text = { $count ->
    [0] Deactivating { $email } ends their sessions and tokens at once. They own no customer.
    [one] Deactivating { $email } ends their sessions and tokens at once. Their one customer stays theirs, with nobody at work to call, until handed over: hand it over first, or below after.
   *[other] Deactivating { $email } ends their sessions and tokens at once. Their { $n } customers stay theirs, with nobody at work to call, until handed over: hand them over first, or below after.
}
team-deactivate-confirm-yes = Yes, deactivate
import-nothing-title = Nothing imported
import-partly-title = Imported, with rows skipped
audit-anyone = Anyone
audit-any-action = Any action
audit-no = No
audit-since-hint = A day, e.g. { $example }
audit-action-sign-in = Signed in
audit-action-sign-out = Signed out
audit-action-create = Added
audit-action-update = Changed
audit-action-delete = Deleted
audit-action-settings = Changed settings
audit-action-handover = Handed customers over
audit-action-import = Imported a file
audit-action-export = Exported
audit-action-list = Listed
audit-action-backfill = Back-filled a playbook
audit-action-erase = Erased personal data
audit-action-probe = Asked for something outside their scope
audit-action-permission-denied = Was refused
audit-entity-customer = Customer
audit-entity-employee = Employee
audit-entity-playbook = Playbook
audit-entity-settings = Settings
audit-entity-task = Task
audit-entity-token = API token
audit-entity-order = Order
audit-entity-cost = Cost
audit-entity-interaction = Contact
audit-entity-complaint = Complaint
audit-entity-feedback = Feedback
audit-detail-fields = Fields
audit-detail-rows = Rows
audit-detail-complete = Complete
audit-detail-filters = Filters
audit-detail-tasks = Tasks
audit-detail-moved = Moved
audit-detail-deactivated = Deactivated
audit-detail-to = To
audit-detail-active = On
audit-action-sign-in-failed = Failed to sign in
