nav-win-back = Pagbawi
winback-title = Mga customer na babawiin
winback-intro = Mga tumahimik at nawalang customer, ang pinakamahalaga muna (tier A, saka ang pinakamalaking ginastos). Ayusin muna ang bukas nilang reklamo bago sila anyayahang bumalik.
winback-both = Tumahimik at nawala
winback-none = Walang babawiin dito.
winback-spent = Nagastos sa atin
winback-last-order = Huling order
winback-open-complaints = Bukas na reklamo
winback-owner-gone = (umalis na: ipasa)
winback-orders = { $count ->
    [1] isang order
   *[other] { $orders } order
}
previous-page = Nakaraang pahina
