nav-today = My day
today-title = My day
today-team-title = My team's day
today-intro = Your open tasks: overdue first, then today's and the next week's.
today-team-intro = The open tasks of everyone whose customers you see: overdue first, then today's and the next week's.
today-whose = Whose tasks
today-mine = Mine
today-team = My team's
today-overdue = Overdue
today-due-today = Today
today-upcoming = Next 7 days
today-none = Nothing here.
today-outcome = Outcome
today-done = Done
today-unassigned = unassigned
outcome-reached = Reached
outcome-no_answer = No answer
outcome-won_back = Won back
outcome-refused = Refused
outcome-let_go = Let go
dashboard-today = Today
dashboard-today-counts = { $overdue_n ->
    [0] { $today_n ->
        [0] No task due today.
        [one] One task due today.
       *[other] { $today_text } tasks due today.
    }
    [one] One task overdue, { $today_text } due today.
   *[other] { $overdue_text } tasks overdue, { $today_text } due today.
}
dashboard-today-open = Open my day

nav-playbooks = Playbooks
playbooks-title = Playbooks: type changes that become tasks
playbooks-intro = Each playbook turns a change of a customer's type into a task for the right person, once per change. Turned on, a playbook acts on changes from then on; a back-fill acts on the history, after showing what it would make.
playbooks-name = Playbook
playbooks-trigger = When
playbooks-action = Task
playbooks-made = Made
playbooks-state = On or off
playbooks-any = any
playbooks-on = On
playbooks-off = Off
playbooks-turn-on = Turn on
playbooks-turn-off = Turn off
playbooks-preview = Back-fill preview
playbooks-cancel = Cancel
playbooks-backfill-confirm = Make these tasks
playbooks-trigger-text = { $axis }: { $from } → { $to }
playbooks-action-text = { $days_n ->
    [0] for { $who }, due the same business day
    [one] for { $who }, due in { $days } business day
   *[other] for { $who }, due in { $days } business days
}
playbooks-made-text = { $tasks } tasks: { $done } done, { $open } open
playbooks-preview-text = { $tasks_n ->
    [0] The history would make no task: nobody is still in this state without one.
    [one] The history would make one task:
   *[other] The history would make { $tasks } tasks:
}
playbooks-backfilled-text = { $tasks_n ->
    [one] { $name }: one task made from the history.
   *[other] { $name }: { $tasks } tasks made from the history.
}
assignee-rule-owner = the owner
assignee-rule-owner_manager = the owner's manager
assignee-rule-employee = a named employee
axis-stage = Stage
axis-tier = Tier
axis-flag = Flag
axis-sentiment = Sentiment
list-separator = {", "}
playbook-lapsed = A repeat customer goes silent
playbook-lost = A customer is lost
playbook-dissatisfied = A customer is dissatisfied
playbook-reborn = A customer is won back
playbook-owner_risk = A valuable customer hangs on one person
playbook-ideal_prospect = An ideal prospect appears
playbook-let_go = A customer to let go
interaction-follow-up = Follow-up task (optional)
interaction-follow-up-title = What to do next
interaction-follow-up-on = When
interaction-follow-up-default = Follow up
customer-tasks = Open tasks
moved-was = (was { $stage })
playbooks-new = New playbook
playbooks-edit = Change
playbooks-edit-title = Change the playbook “{ $name }”
playbooks-back = ← All playbooks
playbook-form-intro = When a customer's type changes as the trigger says, the playbook gives the task below to the person its rule names, once per change. A saved playbook acts on changes from then on.
playbooks-remove = Remove this playbook
playbooks-remove-confirm = Yes, remove it
playbooks-remove-text = Remove “{ $name }”? It has made no task yet; it cannot be brought back.
playbooks-remove-refused = { $tasks_n ->
    [one] This playbook made one task, so it stays for its figures and its task's origin: turn it off instead.
   *[other] This playbook made { $tasks } tasks, so it stays for its figures and its tasks' origin: turn it off instead.
}
playbooks-saved-text = Playbook “{ $name }” saved.
playbooks-removed-text = Playbook “{ $name }” removed.
playbooks-nobody-named = nobody named
playbook-group-trigger = When
playbook-group-task = The task
playbook-group-again = How often, and on or off
playbook-field-name = Name
playbook-field-playbook_id = Id
playbook-field-axis = Axis
playbook-field-from_value = Moved from
playbook-field-to_value = Moved to (or flag set)
playbook-field-only_tier = Only customers of tier
playbook-field-only_kind = Only customers of kind
playbook-field-title = Task title
playbook-field-description = Description
playbook-field-due_in_business_days = Due in business days
playbook-field-priority = Priority
playbook-field-assignee_rule = For
playbook-field-assignee_email = The named employee
playbook-field-reentry = Again on the same customer
playbook-field-reentry_days = Days before again
playbook-field-active = On
playbook-hint-playbook_id = Letters a–z, digits, _ and -; made from the name when empty.
playbook-hint-to_value = For a flag, the flag set; leave "moved from" as any.
playbook-hint-title = {"{name}"}, {"{customer_id}"}, {"{from}"} and {"{to}"} are replaced by the customer's and the change's.
playbook-hint-assignee_email = Only when the task is for a named employee.
playbook-hint-reentry_days = Only for "once per N days".
playbook-hint-active = Off: it makes no task until turned on.
priority-low = Low
priority-normal = Normal
priority-high = High
reentry-once = Once per customer
reentry-every_n_days = Once per N days
reentry-every_time = Every time
task-reason-moved = { $axis } moved from { $from } to { $to }
task-reason-became = { $axis } became { $to }
task-reason-flag-set = Flagged: { $flag }
task-reason-flag-cleared = No longer flagged: { $flag }
playbook-lapsed-task = Reach out to { $name }: they have gone quiet
playbook-lost-task = Call { $name } and settle any old complaint
playbook-dissatisfied-task = Service recovery for { $name }
playbook-reborn-task = Thank { $name } for coming back
playbook-owner_risk-task = Give { $name } a new owner and a second contact
playbook-ideal_prospect-task = Pursue { $name } through the best channel
playbook-let_go-task = Confirm before anyone tells { $name } we let them go
