# صفحه‌های مدیریت: تنظیمات، تیم، گزارش ممیزی، ورود داده.
nav-team = تیم
nav-import = ورود داده
nav-settings = تنظیمات
nav-audit = گزارش ممیزی
role-admin = مدیر سیستم
role-manager = مدیر فروش
role-agent = کارشناس فروش
role-analyst = تحلیلگر

settings-title = تنظیمات انواع مشتری
settings-intro = آستانه‌هایی که مرحله، رده و برچسب‌های هر مشتری را تعیین می‌کنند. «پیش‌نمایش» پیش از ذخیره نشان می‌دهد نوع چند مشتری تغییر می‌کند؛ ذخیره همهٔ مشتریان را دوباره ارزیابی می‌کند.
settings-errors = برخی مقادیر قابل استفاده نیستند
settings-nothing-saved = چیزی ذخیره نشد.
settings-preview-title = اگر این تنظیمات را ذخیره کنید
settings-preview-not-saved = این فقط پیش‌نمایش است: هنوز چیزی ذخیره نشده است.
settings-saved-title = تنظیمات ذخیره شد
settings-preview = پیش‌نمایش
settings-save = ذخیره
settings-group-stage = مرحله (چرخهٔ عمر)
settings-group-tier = رده (ارزش)
settings-group-flag = برچسب‌ها
settings-out-of-range = { $field }: باید { $range } باشد.
settings-not-whole = { $field }: یک عدد صحیح وارد کنید.
settings-not-number = { $field }: یک عدد وارد کنید.
settings-unreadable = این مقادیر خوانده نمی‌شوند.
settings-move = { $count ->
    [one] { $n } مشتری
   *[other] { $n } مشتری
}: { $from } ← { $to }
settings-move-raised = { $count ->
    [one] { $n } مشتری
   *[other] { $n } مشتری
}: «{ $flag }» می‌شوند
settings-move-cleared = { $count ->
    [one] { $n } مشتری
   *[other] { $n } مشتری
}: دیگر «{ $flag }» نیستند
settings-preview-summary = نوع { $n } مشتری از { $total } مشتری تغییر می‌کند.
settings-saved = { $n } مشتری دوباره ارزیابی شدند؛ { $changes } تغییر نوع ثبت شد. شمار کنونی:

setting-new_days = جدید: نخستین سفارش در (روز)
setting-new_days-range = از 1 تا 36500 روز
setting-lapse_min_days = غیرفعال‌شده: دست‌کم این مدت بی‌سفارش (روز)
setting-lapse_min_days-range = از 0 تا 36500 روز
setting-lapse_interval_multiple = غیرفعال‌شده: چند برابر فاصلهٔ معمول خریدش
setting-lapse_interval_multiple-range = بیشتر از 0 و حداکثر 1000
setting-lapse_p_alive = غیرفعال‌شده: احتمال فعال‌بودن کمتر از
setting-lapse_p_alive-range = از 0 تا 1
setting-lost_days = ازدست‌رفته: بی‌سفارش به مدت (روز)
setting-lost_days-range = از 1 تا 36500 روز
setting-lost_p_alive = ازدست‌رفته: احتمال فعال‌بودن کمتر از
setting-lost_p_alive-range = از 0 تا 1
setting-reborn_days = بازگشته: سفارش دوباره در (روز)
setting-reborn_days-range = از 1 تا 36500 روز
setting-tier_a_share = ردهٔ الف: سهم از سود
setting-tier_a_share-range = از 0 تا 1
setting-tier_b_share = ردهٔ ب: سهم بعدی از سود
setting-tier_b_share-range = از 0 تا 1، و با ردهٔ الف حداکثر 1
setting-profit_window_days = بازهٔ محاسبهٔ سود (روز)
setting-profit_window_days-range = از 1 تا 36500 روز
setting-default_margin_rate = حاشیهٔ سود فرضی وقتی بهای تمام‌شده معلوم نیست
setting-default_margin_rate-range = از 0 تا 1
setting-dissatisfied_days = ناراضی: بازهٔ بررسی (روز)
setting-dissatisfied_days-range = از 1 تا 36500 روز
setting-dissatisfied_nps_max = ناراضی: NPS حداکثر
setting-dissatisfied_nps_max-range = از 0 تا 10
setting-dissatisfied_csat_max = ناراضی: CSAT حداکثر
setting-dissatisfied_csat_max-range = از 1 تا 5
setting-complaint_open_days = ناراضی: شکایت باز بیش از (روز)
setting-complaint_open_days-range = از 0 تا 36500 روز
setting-dissatisfied_complaints = ناراضی: دست‌کم این تعداد شکایت
setting-dissatisfied_complaints-range = از 1 تا 1000000
setting-windbag_complaints = پرحرف: دست‌کم این تعداد شکایت
setting-windbag_complaints-range = از 1 تا 1000000
setting-windbag_interactions = پرحرف: یا این تعداد تماس پشتیبانی
setting-windbag_interactions-range = از 1 تا 1000000
setting-let_go_cost_multiple = رهاکردنی: هزینهٔ خدمت دست‌کم این چند برابر حاشیهٔ سود
setting-let_go_cost_multiple-range = بیشتر از 0 و حداکثر 1000
setting-ideal_prospect_share = مشتری بالقوهٔ ایده‌آل: سهم برتر امتیاز شباهت
setting-ideal_prospect_share-range = از 0 تا 1
setting-owner_risk_days = ریسک مسئول: همهٔ تماس‌ها در این مدت از یک کارمند (روز)
setting-owner_risk_days-range = از 1 تا 36500 روز

team-title = تیم
team-employees = کارکنان
team-col-name = نام
team-col-email = ایمیل
team-col-role = نقش
team-col-team = تیم
team-col-status = وضعیت
team-col-customers = مشتریان
team-active = فعال
team-inactive = غیرفعال
team-deactivate = غیرفعال‌کردن
team-deactivate-who = غیرفعال‌کردن { $email }
team-deactivated = { $email } غیرفعال شد: نشست‌ها و توکن‌هایش دیگر کار نمی‌کنند. مشتریانش را در پایین واگذار کنید.
team-not-yourself = نمی‌توانید خودتان را غیرفعال کنید.
team-add = افزودن کاربر
team-field-email = ایمیل
team-field-name = نام
team-field-role = نقش
team-field-team = تیم
team-field-left_at = تاریخ ترک کار
team-add-submit = افزودن
team-added = { $email } افزوده شد
team-one-time = گذرواژهٔ یک‌بارمصرف او در پایین است. همین حالا به او بدهید: دوباره نمایش داده نمی‌شود.
team-invalid-field = { $field }: این مقدار قابل استفاده نیست.
team-duplicate-email = کارمندی با این ایمیل از پیش وجود دارد.
team-not-found = چنین کارمندی در تیم شما نیست.
team-failed = این کار انجام نشد.
team-handover = واگذاری مشتریان
team-handover-help = وقتی کسی می‌رود، مشتریانش را به همکاری بسپارید. واگذاری همهٔ مشتریان، فرد رفتنی را هم غیرفعال می‌کند.
team-handover-from = از
team-handover-to = به
team-handover-customers-hint = شناسه‌ها را با ویرگول یا فاصله جدا کنید.
team-handover-submit = واگذاری
team-handover-result = واگذاری انجام شد
team-handover-done = { $n } مشتری از { $from } به { $to } منتقل شد.
team-handover-deactivated = { $email } غیرفعال شد.
team-handover-not-theirs = برخی از این مشتریان متعلق به فرد رفتنی نیستند.
team-handover-invalid = دو کارمند متفاوت انتخاب کنید؛ گیرندهٔ مشتریان باید هنوز اینجا کار کند.
team-no-tier-a = هیچ مشتری ردهٔ الف در میان آن‌ها نبود.
team-tier-a-customer = مشتری ردهٔ الف
team-risk-before = در خطر، پیش از واگذاری
team-risk-after = در خطر، پس از واگذاری
team-at-risk = در خطر
team-not-at-risk = بی‌خطر

audit-title = گزارش ممیزی
audit-since = از تاریخ
audit-actor = چه کسی (ایمیل)
audit-action = کنش
audit-none = موردی نیست.
audit-col-when = زمان
audit-col-actor = چه کسی
audit-col-action = کنش
audit-col-what = چه چیزی
audit-col-address = از کجا
audit-col-details = جزئیات
audit-older = موارد قدیمی‌تر
audit-bad-date = تاریخ خوانده نشد و نادیده گرفته شد.

import-title = ورود داده
import-intro = یک پروندهٔ CSV بارگذاری کنید. نخست همهٔ ردیف‌ها بررسی می‌شوند: اگر یکی نادرست باشد، چیزی وارد نمی‌شود، مگر آنکه ورود ردیف‌های درست و کنارگذاشتن بقیه را برگزینید.
import-kind = محتوای پرونده
import-kind-customers = مشتریان
import-kind-orders = سفارش‌ها
import-kind-interactions = تعامل‌ها
import-kind-complaints = شکایت‌ها
import-kind-feedback = بازخوردها
import-kind-costs = هزینه‌ها
import-kind-employees = کارکنان
import-file = پروندهٔ CSV
import-limit = پرونده‌ها تا { $kib } کیلوبایت.
import-skip-invalid = ردیف‌های درست وارد شوند و بقیه کنار گذاشته شوند
import-submit = بررسی و ورود
import-choose-kind = محتوای پرونده را انتخاب کنید.
import-choose-file = یک پرونده انتخاب کنید.
import-refused = { $file }: { $n } ایراد؛ چیزی وارد نشد.
import-col-line = سطر
import-col-column = ستون
import-col-problem = ایراد
import-done-title = وارد شد
import-done = { $file }: { $n } ردیف: { $inserted } افزوده، { $updated } به‌روز، { $unchanged } بدون تغییر، { $rejected } کنارگذاشته، { $created } مشتری تازه از سفارش‌ها.
import-skipped = ردیف‌های کنارگذاشته
import-reevaluated-customers = انواع: { $n } مشتری نام‌برده در پرونده دوباره ارزیابی شدند؛ { $changes } تغییر ثبت شد.
import-reevaluated-all = انواع: همهٔ { $n } مشتری دوباره ارزیابی شدند؛ { $changes } تغییر ثبت شد.
import-columns = ستون‌ها
import-columns-help = ستون‌های پررنگ در هر ردیف الزامی‌اند؛ بقیه را می‌توان حذف کرد.
team-handover-customers = مشتریان (شناسه‌ها)
team-handover-choose = — گیرنده را انتخاب کنید —
team-handover-which = کدام مشتریان
team-handover-which-chosen = فقط مشتریانی که در زیر نام برده می‌شوند
team-handover-which-all = همهٔ آنها، و غیرفعال کردن فرد رفتنی
team-handover-choose-to = گیرندهٔ مشتریان را انتخاب کنید.
team-handover-name-customers = مشتریانی را که واگذار می‌شوند نام ببرید، یا «همهٔ آنها» را انتخاب کنید.
team-handover-confirm = همه واگذار و غیرفعال شود؟
team-handover-confirm-text = { $count ->
    [1] این کار تنها مشتری { $from } را به { $to } می‌سپارد و { $from } را غیرفعال می‌کند: نشست‌ها و توکن‌هایش بی‌درنگ پایان می‌یابند.
   *[other] این کار همهٔ { $n } مشتری { $from } را به { $to } می‌سپارد و { $from } را غیرفعال می‌کند: نشست‌ها و توکن‌هایش بی‌درنگ پایان می‌یابند.
}
team-handover-confirm-yes = بله، همه واگذار و غیرفعال شود
team-deactivate-confirm-text = { $count ->
    [0] غیرفعال کردن { $email } نشست‌ها و توکن‌هایش را بی‌درنگ پایان می‌دهد. مشتری‌ای ندارد.
    [1] غیرفعال کردن { $email } نشست‌ها و توکن‌هایش را بی‌درنگ پایان می‌دهد. تنها مشتری‌اش تا واگذاری با او می‌ماند، بی آنکه کسی در کار پاسخگو باشد: نخست واگذارش کنید، یا پس از آن در پایین.
   *[other] غیرفعال کردن { $email } نشست‌ها و توکن‌هایش را بی‌درنگ پایان می‌دهد. { $n } مشتری‌اش تا واگذاری با او می‌مانند، بی آنکه کسی در کار پاسخگو باشد: نخست واگذارشان کنید، یا پس از آن در پایین.
}
team-deactivate-confirm-yes = بله، غیرفعال شود
import-nothing-title = چیزی وارد نشد
import-partly-title = وارد شد، با سطرهای کنارگذاشته
