nav-win-back = დაბრუნება
winback-title = დასაბრუნებელი კლიენტები
winback-intro = მიჩუმებული და დაკარგული კლიენტები, ჯერ ყველაზე ღირებული (A კლასი, შემდეგ დახარჯული თანხით). სანამ დაბრუნებას სთხოვთ, მოაგვარეთ მათი ღია საჩივრები.
winback-both = მიჩუმებული და დაკარგული
winback-none = დასაბრუნებელი არავინაა.
winback-spent = დახარჯული ჩვენთან
winback-last-order = ბოლო შეკვეთა
winback-open-complaints = ღია საჩივრები
winback-owner-gone = (წავიდა: გადაეცით სხვას)
winback-orders = { $count ->
    [one] ერთი შეკვეთა
   *[other] { $orders } შეკვეთა
}
previous-page = წინა გვერდი
