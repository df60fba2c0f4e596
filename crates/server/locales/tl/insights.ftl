insights-nav-persona = Persona
insights-dashboard-heading = Tubo, katapatan at mga channel
insights-data = Ang mga numero bilang talahanayan
insights-pending = Kinukuwenta pa ang mga numero; i-reload ang pahina para makita ang talahanayan.
insights-based-on = { $count ->
    [1] Batay sa isang kliyente
   *[other] Batay sa { $n } na kliyente
}
insights-customers = Mga kliyente
insights-not-recorded = Hindi naitala
insights-gini = Gini coefficient
insights-lorenz-title = Saan nanggagaling ang tubo
insights-lorenz-desc = Ang mga kliyente mula sa pinakamalaki hanggang pinakamaliit na tubo, laban sa kanilang naipong bahagi ng tubo sa nakaraang 12 buwan. Ang diagonal ay ang pantay na hatian.
insights-lorenz-x = Bahagi ng mga kliyente, pinakamalaking tubo muna
insights-lorenz-y = Bahagi ng tubo
insights-lorenz-diagonal = Pantay na hatian
insights-lorenz-marker = { $share } ng mga kliyente ang gumagawa ng 80% ng tubo
insights-lorenz-empty = Walang tubo sa nakaraang 12 buwan na maipapakita.
insights-cohorts-title = Sino ang patuloy na umoorder
insights-cohorts-desc = Ang mga kliyente ay pinangkat ayon sa buwan ng kanilang unang order; bawat kahon ay ang bahagi ng pangkat na umorder sa isang sumunod na buwan.
insights-cohorts-x = Mga buwan mula sa unang order
insights-cohorts-y = Unang order
insights-cohorts-legend = Bahaging umoorder pa
insights-cohorts-empty = Wala pang order.
insights-cohorts-table = Bahaging umoorder pa, ayon sa mga buwan mula sa unang order
insights-channels-title = Halagang nakuha sa bawat yunit ng gastos sa pagkuha
insights-channels-desc = Sa bawat channel ng pagkuha: ang inaasahang 12-buwang halaga ng mga kliyente nito kumpara sa ginastos sa pagkuha sa kanila.
insights-channels-empty = Walang channel na may naitalang gastos sa pagkuha.
insights-channels-no-clv = Hindi pa matantiya ang lifetime value ng mga kliyenteng ito.
insights-channels-table = Mga channel ng pagkuha
insights-channel = Channel
insights-cost = Gastos sa pagkuha bawat kliyente
insights-clv = 12-buwang halaga bawat kliyente
insights-ratio = Halaga / gastos
insights-tier-a = Nasa tier A
insights-persona-title = Persona
insights-persona-intro = Ang pinakamahuhusay na kliyente (tier A) laban sa ibang mamimili, katangian sa katangian. Ang lift na higit sa 1 ay nangangahulugang mas karaniwan ang halagang iyon sa pinakamahuhusay.
insights-persona-chart = { $attribute }: tier A laban sa iba
insights-persona-desc = Bahagi ng tier A at ng ibang mamimili na may bawat halaga; ang lift ay kung ilang ulit na mas karaniwan ang halaga sa tier A.
insights-tier-a-series = Tier A
insights-rest-series = Ibang mamimili
insights-tier-a-count = { $count ->
    [1] Tier A: isang kliyente
   *[other] Tier A: { $n } na kliyente
}
insights-rest-count = { $count ->
    [1] Ibang mamimili: isang kliyente
   *[other] Ibang mamimili: { $n } na kliyente
}
insights-lift = Lift
insights-attr-age_band = Edad
insights-attr-gender = Kasarian
insights-attr-income_band = Antas ng kita
insights-attr-city = Lungsod
insights-attr-region = Rehiyon
insights-attr-country = Bansa
insights-attr-acquisition_channel = Channel ng pagkuha
insights-prospects-title = Mga huwarang prospect
insights-prospects-intro = { $count ->
    [1] Isang prospect (kliyenteng wala pang order), ayon sa pagkakahawig sa tier A.
   *[other] { $n } na prospect (mga kliyenteng wala pang order), nakaayos ayon sa pagkakahawig sa tier A; ipinapakita ang pinakamahusay.
}
insights-prospects-none = Wala sa iyong mga kliyente ang prospect.
insights-prospects-hidden = Hindi ipinapakita ng iyong tungkulin ang bawat kliyente.
insights-customer = Kliyente
insights-likeness = Pagkakahawig sa tier A
insights-ideal = Huwarang prospect
insights-reasons = Bakit
insights-yes = Oo
insights-lorenz-losses = { $count ->
    [1] isang kliyente ang nalulugi ({ $amount }), binibilang na wala sa kurba
   *[other] { $n } kliyente ang nalulugi ({ $amount } lahat), binibilang na wala sa kurba
}
insights-few-customers = { $count ->
    [1] isang kliyente lang
   *[other] { $n } kliyente lang
}
insights-cohorts-running = Walang laman ang kasalukuyang buwan hanggang matapos ito.
acquisition-channel-organic = Organiko
acquisition-channel-referral = Rekomendasyon
acquisition-channel-partnership = Pakikipagsosyo
acquisition-channel-targeted_ads = Target na ads
acquisition-channel-trade_fair = Trade fair
acquisition-channel-social = Social media
acquisition-channel-search = Paghahanap
acquisition-channel-email = E-mail
acquisition-channel-walk_in = Walk-in
gender-female = Babae
gender-male = Lalaki
gender-other = Iba pa
income-band-low = Mababang kita
income-band-middle = Katamtamang kita
income-band-high = Mataas na kita
insights-persona-few = { $count ->
    [1] Iisang kliyente lang sa tier A ang umorder: masyadong kaunti ang mga bahagi at lift na ito para pagkatiwalaan.
   *[other] { $n } kliyente lang sa tier A ang umorder: masyadong kaunti ang mga bahagi at lift na ito para pagkatiwalaan.
}
