insights-nav-persona = پرسونا
insights-dashboard-heading = سود، وفاداری و کانال‌ها
insights-data = ارقام به صورت جدول
insights-pending = ارقام در حال محاسبه است؛ برای دیدن جدول، صفحه را دوباره بارگیری کنید.
insights-based-on = { $count ->
    [1] بر پایهٔ یک مشتری
   *[other] بر پایهٔ { $n } مشتری
}
insights-customers = مشتریان
insights-not-recorded = ثبت نشده
insights-gini = ضریب جینی
insights-lorenz-title = سود از کجا می‌آید
insights-lorenz-desc = مشتریان از پرسودترین تا کم‌سودترین، در برابر سهم انباشتهٔ آنان از سود ۱۲ ماه گذشته. قطر نمودار یعنی سهم برابر برای همه.
insights-lorenz-x = سهم مشتریان، پرسودترین‌ها نخست
insights-lorenz-y = سهم سود
insights-lorenz-diagonal = سهم برابر
insights-lorenz-marker = { $share } مشتریان ۸۰٪ سود را می‌سازند
insights-lorenz-empty = در ۱۲ ماه گذشته سودی برای نمایش نیست.
insights-cohorts-title = چه کسانی همچنان سفارش می‌دهند
insights-cohorts-desc = مشتریان بر پایهٔ ماه نخستین سفارششان گروه‌بندی شده‌اند؛ هر خانه سهمی از گروه است که در ماهی پس از آن سفارش داده است.
insights-cohorts-x = ماه‌ها پس از نخستین سفارش
insights-cohorts-y = نخستین سفارش
insights-cohorts-legend = سهمی که هنوز سفارش می‌دهد
insights-cohorts-empty = هنوز سفارشی نیست.
insights-cohorts-table = سهمی که هنوز سفارش می‌دهد، بر پایهٔ ماه‌های پس از نخستین سفارش
insights-channels-title = ارزش به‌دست‌آمده به ازای هر واحد هزینهٔ جذب
insights-channels-desc = برای هر کانال جذب: ارزش مورد انتظار ۱۲ ماههٔ مشتریانش به هزینهٔ جذب آنان.
insights-channels-empty = برای هیچ کانالی هزینهٔ جذب ثبت نشده است.
insights-channels-no-clv = ارزش طول عمر این مشتریان هنوز قابل برآورد نیست.
insights-channels-table = کانال‌های جذب
insights-channel = کانال
insights-cost = هزینهٔ جذب هر مشتری
insights-clv = ارزش ۱۲ ماههٔ هر مشتری
insights-ratio = ارزش / هزینه
insights-tier-a = در ردهٔ الف
insights-persona-title = پرسونا
insights-persona-intro = بهترین مشتریان (ردهٔ الف) در برابر دیگر خریداران، ویژگی به ویژگی. ضریب افزایش بیش از ۱ یعنی آن مقدار در میان بهترین‌ها رایج‌تر است.
insights-persona-chart = { $attribute }: ردهٔ الف در برابر دیگران
insights-persona-desc = سهم ردهٔ الف و دیگر خریداران از هر مقدار؛ ضریب افزایش نشان می‌دهد آن مقدار در ردهٔ الف چند برابر رایج‌تر است.
insights-tier-a-series = ردهٔ الف
insights-rest-series = دیگر خریداران
insights-tier-a-count = { $count ->
    [1] ردهٔ الف: یک مشتری
   *[other] ردهٔ الف: { $n } مشتری
}
insights-rest-count = { $count ->
    [1] دیگر خریداران: یک مشتری
   *[other] دیگر خریداران: { $n } مشتری
}
insights-lift = ضریب افزایش
insights-attr-age_band = سن
insights-attr-gender = جنسیت
insights-attr-income_band = ردهٔ درآمد
insights-attr-city = شهر
insights-attr-region = استان
insights-attr-country = کشور
insights-attr-acquisition_channel = کانال جذب
insights-prospects-title = مشتریان بالقوهٔ ایده‌آل
insights-prospects-intro = { $count ->
    [1] یک مشتری بالقوه (مشتری بدون سفارش)، بر پایهٔ شباهت به ردهٔ الف.
   *[other] { $n } مشتری بالقوه (مشتریان بدون سفارش)، به ترتیب شباهت به ردهٔ الف؛ بهترین‌ها نشان داده شده‌اند.
}
insights-prospects-none = هیچ‌یک از مشتریان شما مشتری بالقوه نیست.
insights-prospects-hidden = نقش شما مشتریان را تک‌تک نشان نمی‌دهد.
insights-customer = مشتری
insights-likeness = شباهت به ردهٔ الف
insights-ideal = مشتری بالقوهٔ ایده‌آل
insights-reasons = چرا
insights-yes = بله
insights-lorenz-losses = { $count ->
    [1] یک مشتری زیان می‌دهد ({ $amount })، که در منحنی صفر شمرده می‌شود
   *[other] { $n } مشتری زیان می‌دهند (روی هم { $amount })، که در منحنی صفر شمرده می‌شوند
}
insights-few-customers = { $count ->
    [1] تنها یک مشتری
   *[other] تنها { $n } مشتری
}
insights-cohorts-running = ماه جاری تا پایانش خالی می‌ماند.
acquisition-channel-organic = جست‌وجوی طبیعی
acquisition-channel-referral = معرفی
acquisition-channel-partnership = همکاری تجاری
acquisition-channel-targeted_ads = تبلیغات هدفمند
acquisition-channel-trade_fair = نمایشگاه تجاری
acquisition-channel-social = شبکه‌های اجتماعی
acquisition-channel-search = جست‌وجو
acquisition-channel-email = ایمیل
acquisition-channel-walk_in = مراجعهٔ حضوری
gender-female = زن
gender-male = مرد
gender-other = دیگر
income-band-low = درآمد کم
income-band-middle = درآمد متوسط
income-band-high = درآمد بالا
insights-persona-few = { $count ->
    [1] ردهٔ الف تنها یک مشتری دارد که سفارش داده است: این سهم‌ها و ضریب‌ها برای اتکا بسیار اندک‌اند.
   *[other] ردهٔ الف تنها { $n } مشتری دارد که سفارش داده‌اند: این سهم‌ها و ضریب‌ها برای اتکا بسیار اندک‌اند.
}
