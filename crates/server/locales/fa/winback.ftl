nav-win-back = بازگرداندن
winback-title = مشتریانی که باید بازگرداند
winback-intro = مشتریان خاموش و از دست رفته، باارزش‌ترین‌ها نخست (ردهٔ الف، سپس بیشترین خرید). پیش از دعوت دوباره، شکایت‌های بازشان را حل کنید.
winback-both = خاموش و از دست رفته
winback-none = کسی برای بازگرداندن نیست.
winback-spent = کل خرید
winback-last-order = آخرین سفارش
winback-open-complaints = شکایت‌های باز
winback-owner-gone = (رفته است: واگذار کنید)
winback-orders = { $count ->
    [1] یک سفارش
   *[other] { $orders } سفارش
}
previous-page = صفحهٔ پیش
