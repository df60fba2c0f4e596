# شواهد مرحله، رده و نشان‌های مشتری، بند به بند، و اقدام پیشنهادی هر مرحله و نشان.
evidence-join = { "؛ " }
evidence-no-order-yet = هنوز سفارشی نداده است
evidence-reborn-after-lost = { $recency } روز پیش سفارش داد، پس از { $gap } روز سکوت که او را از دست‌رفته کرده بود
evidence-reborn-after-lapsed = { $recency } روز پیش سفارش داد، پس از { $gap } روز سکوت که او را خاموش کرده بود (آستانهٔ خاموشی { $threshold } روز)
evidence-reborn-won-back = { $recency } روز پیش سفارش داد؛ به گواهی ارزیابی { $date } بازگشته است
evidence-reborn-after-evaluation = { $recency } روز پیش سفارش داد، پس از آنکه در ارزیابی { $date } { $stage ->
        [lapsed] خاموش
       *[lost] از دست‌رفته
    } بود
evidence-lost-silent = { $recency } روز بی‌سفارش (پس از { $lost_days } روز از دست‌رفته به شمار می‌آید)
evidence-last-order = آخرین سفارش { $recency_n ->
        [0] امروز
       *[other] { $recency } روز پیش
    }
evidence-p-alive-below = احتمال فعال ماندن { $p_alive }، کمتر از { $threshold }
evidence-p-alive = احتمال فعال ماندن { $p_alive }
evidence-no-model = هنوز مدل خریدی برای این پایگاه ساخته نشده است
evidence-usual-interval = معمولاً هر { $interval } روز سفارش می‌دهد
evidence-no-interval = هنوز فاصلهٔ معمولی میان سفارش‌ها ندارد
evidence-lapsed-after = پس از { $threshold } روز خاموش به شمار می‌آید
evidence-orders-on-days = { $orders } سفارش در { $days } روز
evidence-new-first-order = نخستین و تنها سفارش { $recency } روز پیش (تا { $new_days } روز تازه به شمار می‌آید)
evidence-new-first-day = { $orders } سفارش، همه در یک روز، { $recency } روز پیش (تا { $new_days } روز تازه به شمار می‌آید)
evidence-one-order-no-second = یک سفارش، { $recency } روز پیش، و سفارش دومی نیامده است
evidence-one-day-no-second = { $orders } سفارش، همه در یک روز، { $recency } روز پیش، و در روز دیگری سفارشی نیامده است
evidence-new-expected-again = از مشتری تازه انتظار می‌رود ظرف { $new_days } روز دوباره سفارش دهد
evidence-tier = { $tier ->
        [A] الف (اصلی: از مشتریانی که ۸۰٪ سود را می‌سازند)
        [B] ب (از کسانی که ۱۵٪ بعدی سود را می‌سازند)
       *[C] ج (فرعی)
    }: سود { $days } روز گذشته { $profit }
evidence-relationship-internal = مشتری داخلی: همکار، تیم یا بخشی که کسب‌وکار به آن خدمت می‌دهد
evidence-relationship-intermediary = واسطه: فروشنده، پخش‌کننده یا نماینده
evidence-relationship-member = { $role ->
        [wallet_holder] صاحب بودجه (تصمیم می‌گیرد و می‌پردازد)
        [ally] همراه (از محصول استفاده می‌کند یا بر انتخاب اثر می‌گذارد، بودجه‌ای ندارد)
       *[other] { $role }
    } در سازمان { $organisation }
evidence-latest-nps = آخرین امتیاز توصیه { $nps }، { $days } روز پیش
evidence-latest-csat = آخرین امتیاز رضایت { $csat } از ۵، { $days } روز پیش
evidence-complaint-open = شکایتی که { $days } روز است باز مانده
evidence-recent-complaints = { $complaints } شکایت در { $days } روز گذشته
evidence-windbag = { $complaints } شکایت و { $contacts } تماس خدماتی، با درآمد کل { $revenue }
evidence-unprofitable = سود { $days } روز گذشته { $profit }: حاشیهٔ سود { $margin } − هزینهٔ خدمت { $cost } − هزینهٔ جذب { $acquisition }
evidence-let-go-two-windows = در هر دو دورهٔ { $days } روزهٔ اخیر زیان‌ده ({ $previous } و { $current })
evidence-let-go-costly = هزینهٔ خدمت { $cost } دست‌کم { $multiple } برابر حاشیهٔ سود { $margin } در { $days } روز گذشته است
evidence-ideal-prospect = نمایه در { $share }٪ بالای مشتریان بالقوه از نظر شباهت به ردهٔ الف
evidence-owner-risk-tier-a = مشتری ردهٔ الف
evidence-owner-risk-no-owner = مسئولی ندارد
evidence-owner-risk-owner-left = مسئول او، { $name }، رفته است
evidence-owner-risk-one-employee = همهٔ { $contacts } تماس { $days } روز گذشته از یک کارمند بوده است
action-prospect = ارزیابی کنید؛ اگر مشتری بالقوهٔ ایده‌آل است، پیگیری کنید
action-new = خوش‌آمد بگویید؛ هدف، سفارش دوم است
action-repeat = کمتر وعده دهید و بیشتر انجام دهید؛ پاداش دهید؛ محصولات دیگر را هم پیشنهاد کنید
action-lapsed = با دلیلی تازه برای خرید سراغشان بروید؛ ارزان‌تر از یافتن مشتری تازه است
action-lost = پرونده‌شان را بگردید، تماس بگیرید، شکایت‌های قدیمی را حل کنید و جبران کنید
action-reborn = سپاسگزاری کنید؛ مطمئن شوید گلهٔ قدیمی واقعاً برطرف شده است
action-dissatisfied = جبران خدمت همین حالا، به دست مسئول، ظرف ۲۴ ساعت
action-windbag = وقتی را که صرفشان می‌شود محدود کنید؛ نگذارید ساعت‌های کار را بخورند
action-unprofitable = پیش از تصمیم به کنار گذاشتن، هزینهٔ خدمت را کم کنید یا کار بیشتری از آنان بگیرید
action-let_go = قیمت را بازنگری کنید، یا صریح بگویید خدمتی که می‌خواهند با قیمتی که می‌پردازند جور نیست
action-ideal_prospect = از همان کانالی سراغشان بروید که بهترین مشتریان را آورده است
action-owner_risk = مسئول تازه‌ای بگمارید و فرد تماس دومی معرفی کنید
