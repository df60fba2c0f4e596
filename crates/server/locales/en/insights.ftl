insights-nav-persona = Persona
insights-dashboard-heading = Profit, loyalty and channels
insights-data = The figures as a table
insights-pending = The figures are being computed; reload the page for them as a table.
insights-based-on = { $count ->
    [one] Based on one customer
   *[other] Based on { $n } customers
}
insights-customers = Customers
insights-not-recorded = Not recorded
insights-gini = Gini coefficient
insights-lorenz-title = Where the profit comes from
insights-lorenz-desc = Customers sorted from the most to the least profitable, against their cumulative share of the profit of the last 12 months. The diagonal is what equal shares would look like.
insights-lorenz-x = Share of customers, most profitable first
insights-lorenz-y = Share of profit
insights-lorenz-diagonal = Equal shares
insights-lorenz-marker = { $share } of customers make 80% of the profit
insights-lorenz-empty = There is no profit in the last 12 months to show.
insights-cohorts-title = Who keeps ordering
insights-cohorts-desc = Customers grouped by the month of their first order; each cell is the share of the group that ordered in a later month.
insights-cohorts-x = Months since the first order
insights-cohorts-y = First order
insights-cohorts-legend = Share still ordering
insights-cohorts-empty = No orders yet.
insights-cohorts-table = Share still ordering, by months since the first order
insights-channels-title = Value bought per unit of acquisition cost
insights-channels-desc = For each acquisition channel: the expected 12-month value of its customers over what acquiring them cost.
insights-channels-empty = No channel has an acquisition cost recorded.
insights-channels-no-clv = Lifetime value cannot be estimated on these customers yet.
insights-channels-table = Acquisition channels
insights-channel = Channel
insights-cost = Acquisition cost per customer
insights-clv = 12-month value per customer
insights-ratio = Value / cost
insights-tier-a = In tier A
insights-persona-title = Persona
insights-persona-intro = The best customers (tier A) against the other buyers, attribute by attribute. A lift above 1 means the value is more common among the best.
insights-persona-chart = { $attribute }: tier A against the rest
insights-persona-desc = Share of tier A and of the other buyers with each value; the lift is how many times more common the value is in tier A.
insights-tier-a-series = Tier A
insights-rest-series = Other buyers
insights-tier-a-count = { $count ->
    [one] Tier A: one customer
   *[other] Tier A: { $n } customers
}
insights-rest-count = { $count ->
    [one] Other buyers: one customer
   *[other] Other buyers: { $n } customers
}
insights-lift = Lift
insights-attr-age_band = Age
insights-attr-gender = Gender
insights-attr-income_band = Income band
insights-attr-city = City
insights-attr-region = Region
insights-attr-country = Country
insights-attr-acquisition_channel = Acquisition channel
insights-prospects-title = Ideal prospects
insights-prospects-intro = { $count ->
    [one] One prospect (a customer without an order), ranked by how much they resemble tier A.
   *[other] { $n } prospects (customers without an order), ranked by how much they resemble tier A; the best are shown.
}
insights-prospects-none = None of your customers is a prospect.
insights-prospects-hidden = Your role does not show individual customers.
insights-customer = Customer
insights-likeness = Likeness to tier A
insights-ideal = Ideal prospect
insights-reasons = Why
insights-yes = Yes
insights-lorenz-losses = { $count ->
    [one] { $n } customer loses money ({ $amount }), counted as none in the curve
   *[other] { $n } customers lose money ({ $amount } in all), counted as none in the curve
}
insights-few-customers = { $count ->
    [one] only { $n } customer
   *[other] only { $n } customers
}
insights-cohorts-running = The current month is left blank until it ends.
acquisition-channel-organic = Organic
acquisition-channel-referral = Referral
acquisition-channel-partnership = Partnership
acquisition-channel-targeted_ads = Targeted ads
acquisition-channel-trade_fair = Trade fair
acquisition-channel-social = Social media
acquisition-channel-search = Search
acquisition-channel-email = E-mail
acquisition-channel-walk_in = Walk-in
gender-female = Female
gender-male = Male
gender-other = Other
income-band-low = Low income
income-band-middle = Middle income
income-band-high = High income
insights-persona-few = { $count ->
    [one] Tier A holds only { $n } customer who has ordered: these shares and lifts are too few to rely on.
   *[other] Tier A holds only { $n } customers who have ordered: these shares and lifts are too few to rely on.
}
