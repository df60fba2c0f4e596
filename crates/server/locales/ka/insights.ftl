insights-nav-persona = პერსონა
insights-dashboard-heading = მოგება, ერთგულება და არხები
insights-data = მონაცემები ცხრილად
insights-pending = მონაცემები ითვლება; ცხრილის სანახავად გადატვირთეთ გვერდი.
insights-based-on = { $count ->
    [one] ერთი კლიენტის მიხედვით
   *[other] { $n } კლიენტის მიხედვით
}
insights-customers = კლიენტები
insights-not-recorded = არ არის მითითებული
insights-gini = ჯინის კოეფიციენტი
insights-lorenz-title = საიდან მოდის მოგება
insights-lorenz-desc = კლიენტები ყველაზე მომგებიანიდან ყველაზე ნაკლებად მომგებიანამდე, ბოლო 12 თვის მოგების მათ დაგროვილ წილთან შედარებით. დიაგონალი თანაბარი წილებია.
insights-lorenz-x = კლიენტების წილი, ჯერ ყველაზე მომგებიანი
insights-lorenz-y = მოგების წილი
insights-lorenz-diagonal = თანაბარი წილები
insights-lorenz-marker = კლიენტების { $share } ქმნის მოგების 80%-ს
insights-lorenz-empty = ბოლო 12 თვეში საჩვენებელი მოგება არ არის.
insights-cohorts-title = ვინ აგრძელებს შეკვეთას
insights-cohorts-desc = კლიენტები დაჯგუფებულია პირველი შეკვეთის თვის მიხედვით; თითოეული უჯრა ჯგუფის წილია, რომელმაც შემდგომ თვეში შეუკვეთა.
insights-cohorts-x = თვეები პირველი შეკვეთიდან
insights-cohorts-y = პირველი შეკვეთა
insights-cohorts-legend = წილი, რომელიც ჯერ კიდევ უკვეთავს
insights-cohorts-empty = შეკვეთები ჯერ არ არის.
insights-cohorts-table = წილი, რომელიც ჯერ კიდევ უკვეთავს, თვეების მიხედვით პირველი შეკვეთიდან
insights-channels-title = მიღებული ღირებულება მოზიდვის ხარჯის ერთეულზე
insights-channels-desc = თითოეული მოზიდვის არხისთვის: მისი კლიენტების მოსალოდნელი 12-თვიანი ღირებულება მათი მოზიდვის ხარჯთან შეფარდებით.
insights-channels-empty = არცერთ არხს არ აქვს მოზიდვის ხარჯი მითითებული.
insights-channels-no-clv = ამ კლიენტების სასიცოცხლო ღირებულების შეფასება ჯერ შეუძლებელია.
insights-channels-table = მოზიდვის არხები
insights-channel = არხი
insights-cost = მოზიდვის ხარჯი ერთ კლიენტზე
insights-clv = 12-თვიანი ღირებულება ერთ კლიენტზე
insights-ratio = ღირებულება / ხარჯი
insights-tier-a = A დონეში
insights-persona-title = პერსონა
insights-persona-intro = საუკეთესო კლიენტები (A დონე) სხვა მყიდველებთან შედარებით, მახასიათებლების მიხედვით. 1-ზე მეტი ამაღლება ნიშნავს, რომ მნიშვნელობა საუკეთესოებში უფრო ხშირია.
insights-persona-chart = { $attribute }: A დონე დანარჩენების წინააღმდეგ
insights-persona-desc = A დონისა და სხვა მყიდველების წილი თითოეული მნიშვნელობით; ამაღლება აჩვენებს, რამდენჯერ უფრო ხშირია მნიშვნელობა A დონეში.
insights-tier-a-series = A დონე
insights-rest-series = სხვა მყიდველები
insights-tier-a-count = { $count ->
    [one] A დონე: ერთი კლიენტი
   *[other] A დონე: { $n } კლიენტი
}
insights-rest-count = { $count ->
    [one] სხვა მყიდველები: ერთი კლიენტი
   *[other] სხვა მყიდველები: { $n } კლიენტი
}
insights-lift = ამაღლება
insights-attr-age_band = ასაკი
insights-attr-gender = სქესი
insights-attr-income_band = შემოსავლის დიაპაზონი
insights-attr-city = ქალაქი
insights-attr-region = რეგიონი
insights-attr-country = ქვეყანა
insights-attr-acquisition_channel = მოზიდვის არხი
insights-prospects-title = იდეალური პოტენციური კლიენტები
insights-prospects-intro = { $count ->
    [one] ერთი პოტენციური კლიენტი (კლიენტი შეკვეთის გარეშე), A დონესთან მსგავსების მიხედვით.
   *[other] { $n } პოტენციური კლიენტი (კლიენტები შეკვეთის გარეშე), დალაგებული A დონესთან მსგავსების მიხედვით; ნაჩვენებია საუკეთესოები.
}
insights-prospects-none = თქვენი კლიენტებიდან არცერთი არ არის პოტენციური.
insights-prospects-hidden = თქვენი როლი ცალკეულ კლიენტებს არ აჩვენებს.
insights-customer = კლიენტი
insights-likeness = მსგავსება A დონესთან
insights-ideal = იდეალური პოტენციური კლიენტი
insights-reasons = რატომ
insights-yes = დიახ
insights-lorenz-losses = { $count ->
    [one] { $n } კლიენტი წამგებიანია ({ $amount }), მრუდში ნულად ითვლება
   *[other] { $n } კლიენტი წამგებიანია (სულ { $amount }), მრუდში ნულად ითვლება
}
insights-few-customers = { $count ->
    [one] მხოლოდ { $n } კლიენტი
   *[other] მხოლოდ { $n } კლიენტი
}
insights-cohorts-running = მიმდინარე თვე ცარიელია, სანამ არ დასრულდება.
acquisition-channel-organic = ორგანული
acquisition-channel-referral = რეკომენდაცია
acquisition-channel-partnership = პარტნიორობა
acquisition-channel-targeted_ads = მიზნობრივი რეკლამა
acquisition-channel-trade_fair = სავაჭრო გამოფენა
acquisition-channel-social = სოციალური ქსელები
acquisition-channel-search = ძიება
acquisition-channel-email = ელფოსტა
acquisition-channel-walk_in = პირადად მოსული
gender-female = ქალი
gender-male = კაცი
gender-other = სხვა
income-band-low = დაბალი შემოსავალი
income-band-middle = საშუალო შემოსავალი
income-band-high = მაღალი შემოსავალი
insights-persona-few = { $count ->
    [one] A დონეში მხოლოდ { $n } კლიენტია, ვინც შეუკვეთა: ეს წილები და კოეფიციენტები მცირეა სანდოობისთვის.
   *[other] A დონეში მხოლოდ { $n } კლიენტია, ვინც შეუკვეთა: ეს წილები და კოეფიციენტები მცირეა სანდოობისთვის.
}
