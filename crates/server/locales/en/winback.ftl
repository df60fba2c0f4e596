nav-win-back = Win-back
winback-title = Customers to win back
winback-intro = Lapsed and lost customers, the most valuable first (tier A, then what they spent). Settle their open complaints before asking them back.
winback-both = Lapsed and lost
winback-none = Nobody to win back here.
winback-spent = Spent with us
winback-last-order = Last order
winback-open-complaints = Open complaints
winback-owner-gone = (has left: hand over)
winback-orders = { $count ->
    [one] one order
   *[other] { $orders } orders
}
previous-page = Previous page
