# კლიენტის ეტაპის, კატეგორიისა და ნიშნების მტკიცებულება, პუნქტობრივად, და თითოეულის რეკომენდებული მოქმედება.
evidence-join = { "; " }
evidence-no-order-yet = შეკვეთა ჯერ არ ყოფილა
evidence-reborn-after-lost = შეუკვეთა { $recency } დღის წინ, { $gap }-დღიანი დუმილის შემდეგ, რამაც ის დაკარგულად აქცია
evidence-reborn-after-lapsed = შეუკვეთა { $recency } დღის წინ, { $gap }-დღიანი დუმილის შემდეგ, რამაც ის გაჩუმებულად აქცია (გაჩუმების ზღვარი { $threshold } დღე)
evidence-reborn-won-back = შეუკვეთა { $recency } დღის წინ; დაბრუნებულია, როგორც { $date }-ის შეფასებამ აჩვენა
evidence-reborn-after-evaluation = შეუკვეთა { $recency } დღის წინ მას შემდეგ, რაც { $date }-ის შეფასებით { $stage ->
        [lapsed] გაჩუმებული
       *[lost] დაკარგული
    } იყო
evidence-lost-silent = { $recency } დღე შეკვეთის გარეშე (დაკარგულად ითვლება { $lost_days } დღის შემდეგ)
evidence-last-order = ბოლო შეკვეთა { $recency_n ->
        [0] დღეს
       *[other] { $recency } დღის წინ
    }
evidence-p-alive-below = აქტიურობის ალბათობა { $p_alive }, ნაკლები ვიდრე { $threshold }
evidence-p-alive = აქტიურობის ალბათობა { $p_alive }
evidence-no-model = ამ ბაზისთვის შესყიდვის მოდელი ჯერ არ არის
evidence-usual-interval = ჩვეულებრივ უკვეთავს ყოველ { $interval } დღეში
evidence-no-interval = ჩვეული ინტერვალი ჯერ არ აქვს
evidence-lapsed-after = გაჩუმებულად ითვლება { $threshold } დღის შემდეგ
evidence-orders-on-days = { $orders } შეკვეთა { $days } დღეს
evidence-new-first-order = პირველი და ერთადერთი შეკვეთა { $recency } დღის წინ (ახალია { $new_days } დღის განმავლობაში)
evidence-new-first-day = { $orders } შეკვეთა, ყველა ერთ დღეს, { $recency } დღის წინ (ახალია { $new_days } დღის განმავლობაში)
evidence-one-order-no-second = ერთი შეკვეთა, { $recency } დღის წინ, მეორე კი არა
evidence-one-day-no-second = { $orders } შეკვეთა, ყველა ერთ დღეს, { $recency } დღის წინ, სხვა დღეს კი არცერთი
evidence-new-expected-again = ახალი კლიენტისგან მოსალოდნელია ხელახალი შეკვეთა { $new_days } დღეში
evidence-tier = { $tier } ({ $tier ->
        [A] მთავარი: იმ კლიენტებს შორის, ვინც მოგების 80 %-ს ქმნის
        [B] მათ შორის, ვინც მოგების შემდეგ 15 %-ს ქმნის
       *[C] მეორეხარისხოვანი
    }): მოგება ბოლო { $days } დღეში { $profit }
evidence-relationship-internal = შიდა კლიენტი: კოლეგა, გუნდი ან განყოფილება, რომელსაც ბიზნესი ემსახურება
evidence-relationship-intermediary = შუამავალი: გადამყიდველი, დისტრიბუტორი ან აგენტი
evidence-relationship-member = ორგანიზაცია { $organisation }-ის { $role ->
        [wallet_holder] ბიუჯეტის მფლობელი (წყვეტს და იხდის)
        [ally] მოკავშირე (იყენებს პროდუქტს ან გავლენას ახდენს არჩევანზე, ბიუჯეტი არ აქვს)
       *[other] { $role }
    }
evidence-latest-nps = ბოლო NPS შეფასება { $nps }, { $days } დღის წინ
evidence-latest-csat = ბოლო კმაყოფილების შეფასება { $csat } 5-დან, { $days } დღის წინ
evidence-complaint-open = საჩივარი ღიაა უკვე { $days } დღეა
evidence-recent-complaints = { $complaints } საჩივარი ბოლო { $days } დღეში
evidence-windbag = { $complaints } საჩივარი და { $contacts } მომსახურების კონტაქტი, მთლიანი შემოსავალი კი { $revenue }
evidence-unprofitable = მოგება ბოლო { $days } დღეში { $profit }: მარჟა { $margin } − მომსახურების ხარჯი { $cost } − მოზიდვის ხარჯი { $acquisition }
evidence-let-go-two-windows = წამგებიანი ბოლო ორივე { $days }-დღიან პერიოდში ({ $previous } და { $current })
evidence-let-go-costly = მომსახურების ხარჯი { $cost } სულ მცირე { $multiple }-ჯერ აღემატება მარჟას { $margin } ბოლო { $days } დღეში
evidence-ideal-prospect = პროფილი პოტენციურ კლიენტთა საუკეთესო { $share } %-შია A კატეგორიასთან მსგავსებით
evidence-owner-risk-tier-a = A კატეგორიის კლიენტი
evidence-owner-risk-no-owner = პასუხისმგებელი არ ჰყავს
evidence-owner-risk-owner-left = პასუხისმგებელი { $name } აღარ მუშაობს
evidence-owner-risk-one-employee = ბოლო { $days } დღის ყველა { $contacts } კონტაქტი ერთი თანამშრომლისგან იყო
action-prospect = შეაფასეთ; თუ იდეალური პოტენციური კლიენტია, მიჰყევით
action-new = მიესალმეთ; მიზანი მეორე შეკვეთაა
action-repeat = ნაკლები დაჰპირდით, მეტი გააკეთეთ; დააჯილდოვეთ; შესთავაზეთ სხვა პროდუქტებიც
action-lapsed = დაუკავშირდით ყიდვის ახალი მიზეზით; ეს ახალი კლიენტის პოვნაზე იაფია
action-lost = მოიძიეთ მათი საქმე, დაურეკეთ, მოაგვარეთ ძველი საჩივრები, შესთავაზეთ კომპენსაცია
action-reborn = მადლობა გადაუხადეთ; დარწმუნდით, რომ ძველი წყენა მართლა მოგვარებულია
action-dissatisfied = მომსახურების გამოსწორება ახლავე, პასუხისმგებლის მიერ, 24 საათში
action-windbag = შეზღუდეთ მათზე დახარჯული დრო; ნუ დაახარჯავთ სამუშაო საათებს
action-unprofitable = შეამცირეთ მომსახურების ხარჯი ან მოიპოვეთ მეტი საქმე, სანამ მათზე უარის თქმას გადაწყვეტთ
action-let_go = შეცვალეთ ფასი, ან პირდაპირ უთხარით, რომ სასურველი მომსახურება მათ მიერ გადახდილ ფასს არ შეესაბამება
action-ideal_prospect = მიმართეთ მათ იმ არხით, რომელმაც საუკეთესო კლიენტები მოიყვანა
action-owner_risk = დანიშნეთ ახალი პასუხისმგებელი და გააცანით მეორე საკონტაქტო პირი
