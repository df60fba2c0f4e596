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
