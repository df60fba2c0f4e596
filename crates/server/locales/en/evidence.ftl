# The evidence of a customer's stage, tier and flags, clause by clause (the ids of the core's
# phrases, prefixed `evidence-`), and the recommended action of each stage and flag. The
# English must say exactly what the core's English says (a test compares them).
evidence-join = { "; " }
evidence-no-order-yet = no order yet
evidence-reborn-after-lost = ordered { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    } after { $gap_n ->
        [1] 1 day
       *[other] { $gap } days
    } of silence, which had made them lost
evidence-reborn-after-lapsed = ordered { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    } after { $gap_n ->
        [1] 1 day
       *[other] { $gap } days
    } of silence, which had made them lapsed (lapse threshold { $threshold_n ->
        [1] 1 day
       *[other] { $threshold } days
    })
evidence-reborn-won-back = ordered { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    }; won back, as the evaluation of { $date } found
evidence-reborn-after-evaluation = ordered { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    } after being { $stage } at the evaluation of { $date }
evidence-lost-silent = no order for { $recency_n ->
        [1] 1 day
       *[other] { $recency } days
    } (lost after { $lost_days })
evidence-last-order = last order { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    }
evidence-p-alive-below = probability still active { $p_alive }, below { $threshold }
evidence-p-alive = probability still active { $p_alive }
evidence-no-model = no purchase model for this base yet
evidence-usual-interval = usually orders { $interval_n ->
        [1] every day
       *[other] every { $interval } days
    }
evidence-no-interval = no usual interval yet
evidence-lapsed-after = lapsed after { $threshold_n ->
        [1] 1 day
       *[other] { $threshold } days
    }
evidence-orders-on-days = { $orders_n ->
        [1] 1 order
       *[other] { $orders } orders
    } on { $days_n ->
        [1] 1 day
       *[other] { $days } days
    }
evidence-new-first-order = first and only order { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    } (new for { $new_days_n ->
        [1] 1 day
       *[other] { $new_days } days
    })
evidence-new-first-day = { $orders } orders, all on one day, { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    } (new for { $new_days_n ->
        [1] 1 day
       *[other] { $new_days } days
    })
evidence-one-order-no-second = one order, { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    }, and no second
evidence-one-day-no-second = { $orders } orders, all on one day, { $recency_n ->
        [0] today
        [1] 1 day ago
       *[other] { $recency } days ago
    }, and none on a later day
evidence-new-expected-again = new customers are expected to order again within { $new_days_n ->
        [1] 1 day
       *[other] { $new_days } days
    }
evidence-tier = { $tier } ({ $tier ->
        [A] primary: among the customers who make 80 % of the profit
        [B] among those who make the next 15 %
       *[C] secondary
    }): profit over the last { $days_n ->
        [1] 1 day
       *[other] { $days } days
    } { $profit }
evidence-relationship-internal = internal customer: a colleague, team or department the business serves
evidence-relationship-intermediary = intermediary: a reseller, distributor or agent
evidence-relationship-member = { $role ->
        [wallet_holder] the wallet holder (decides and pays)
        [ally] an ally (uses the product or influences the choice, holds no budget)
       *[other] { $role }
    } of organisation { $organisation }
evidence-latest-nps = latest NPS { $nps }, { $days_n ->
        [0] today
        [1] 1 day ago
       *[other] { $days } days ago
    }
evidence-latest-csat = latest CSAT { $csat } of 5, { $days_n ->
        [0] today
        [1] 1 day ago
       *[other] { $days } days ago
    }
evidence-complaint-open = a complaint open for { $days_n ->
        [1] 1 day
       *[other] { $days } days
    }
evidence-recent-complaints = { $complaints_n ->
        [1] 1 complaint
       *[other] { $complaints } complaints
    } in the last { $days_n ->
        [1] 1 day
       *[other] { $days } days
    }
evidence-windbag = { $complaints_n ->
        [1] 1 complaint
       *[other] { $complaints } complaints
    } and { $contacts_n ->
        [1] 1 service contact
       *[other] { $contacts } service contacts
    }, and lifetime revenue { $revenue }
evidence-unprofitable = profit over the last { $days_n ->
        [1] 1 day
       *[other] { $days } days
    } { $profit }: margin { $margin } − cost to serve { $cost } − acquisition { $acquisition }
evidence-let-go-two-windows = unprofitable in each of the last two { $days }-day windows ({ $previous } and { $current })
evidence-let-go-costly = cost to serve { $cost } is at least { $multiple } × the margin { $margin } over the last { $days_n ->
        [1] 1 day
       *[other] { $days } days
    }
evidence-ideal-prospect = profile in the top { $share } % of prospects by resemblance to tier A
evidence-owner-risk-tier-a = tier A customer
evidence-owner-risk-no-owner = no owner
evidence-owner-risk-owner-left = owner { $name } has left
evidence-owner-risk-one-employee = { $contacts_n ->
        [1] the one contact
       *[other] all { $contacts } contacts
    } in the last { $days_n ->
        [1] 1 day
       *[other] { $days } days
    } came from one employee
action-prospect = qualify; if an ideal prospect, pursue
action-new = welcome them; aim for the second order
action-repeat = under-promise, over-deliver; reward; cross-sell
action-lapsed = reach out with a new reason to buy; cheaper than finding a new customer
action-lost = search their file, call them, settle old complaints, offer amends
action-reborn = thank them; make sure the old grievance is really settled
action-dissatisfied = service recovery now, by the owner, within 24 hours
action-windbag = cap the time spent; do not let them eat working hours
action-unprofitable = cut the cost to serve or win more business before deciding to drop them
action-let_go = reprice, or tell them plainly the service they want does not fit the price they pay
action-ideal_prospect = target them with the channel that brought the best customers
action-owner_risk = assign a new owner and introduce a second contact
