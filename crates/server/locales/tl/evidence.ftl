# Ang ebidensya ng yugto, tier at mga tanda ng isang kliyente, bawat sugnay, at ang inirerekomendang gawin sa bawat isa.
evidence-join = { "; " }
evidence-no-order-yet = wala pang order
evidence-reborn-after-lost = umorder { $recency } araw na ang nakalipas matapos ang { $gap } araw na pananahimik, na nagturing sa kanilang nawala
evidence-reborn-after-lapsed = umorder { $recency } araw na ang nakalipas matapos ang { $gap } araw na pananahimik, na nagturing sa kanilang nanahimik (hangganan ng pananahimik: { $threshold } araw)
evidence-reborn-won-back = umorder { $recency } araw na ang nakalipas; nabawi, ayon sa pagsusuri noong { $date }
evidence-reborn-after-evaluation = umorder { $recency } araw na ang nakalipas matapos maging { $stage ->
        [lapsed] nanahimik
       *[lost] nawala
    } sa pagsusuri noong { $date }
evidence-lost-silent = walang order sa loob ng { $recency } araw (itinuturing na nawala pagkalipas ng { $lost_days })
evidence-last-order = huling order { $recency_n ->
        [0] ngayong araw
       *[other] { $recency } araw na ang nakalipas
    }
evidence-p-alive-below = tsansang aktibo pa { $p_alive }, mas mababa sa { $threshold }
evidence-p-alive = tsansang aktibo pa { $p_alive }
evidence-no-model = wala pang modelo ng pagbili para sa base na ito
evidence-usual-interval = karaniwang umoorder tuwing { $interval } araw
evidence-no-interval = wala pang karaniwang pagitan ng mga order
evidence-lapsed-after = itinuturing na nanahimik pagkalipas ng { $threshold } araw
evidence-orders-on-days = { $orders } order sa { $days } araw
evidence-new-first-order = una at tanging order { $recency } araw na ang nakalipas (bago sa loob ng { $new_days } araw)
evidence-new-first-day = { $orders } order, lahat sa iisang araw, { $recency } araw na ang nakalipas (bago sa loob ng { $new_days } araw)
evidence-one-order-no-second = isang order, { $recency } araw na ang nakalipas, at walang pangalawa
evidence-one-day-no-second = { $orders } order, lahat sa iisang araw, { $recency } araw na ang nakalipas, at wala sa ibang araw
evidence-new-expected-again = inaasahang umorder muli ang mga bagong kliyente sa loob ng { $new_days } araw
evidence-tier = { $tier } ({ $tier ->
        [A] pangunahin: kabilang sa mga kliyenteng bumubuo ng 80 % ng tubo
        [B] kabilang sa mga bumubuo ng susunod na 15 %
       *[C] pangalawa
    }): tubo sa nakaraang { $days } araw { $profit }
evidence-relationship-internal = panloob na kliyente: kasamahan, koponan o departamentong pinagsisilbihan ng negosyo
evidence-relationship-intermediary = tagapamagitan: reseller, distributor o ahente
evidence-relationship-member = { $role ->
        [wallet_holder] ang may hawak ng badyet (nagpapasya at nagbabayad)
        [ally] kakampi (gumagamit ng produkto o may impluwensya sa pagpili, walang badyet)
       *[other] { $role }
    } ng organisasyong { $organisation }
evidence-latest-nps = pinakahuling NPS { $nps }, { $days } araw na ang nakalipas
evidence-latest-csat = pinakahuling marka ng kasiyahan { $csat } sa 5, { $days } araw na ang nakalipas
evidence-complaint-open = isang reklamong bukas nang { $days } araw
evidence-recent-complaints = { $complaints } reklamo sa nakaraang { $days } araw
evidence-windbag = { $complaints } reklamo at { $contacts } pakikipag-ugnayan sa serbisyo, at kabuuang kita na { $revenue }
evidence-unprofitable = tubo sa nakaraang { $days } araw { $profit }: margin { $margin } − gastos sa serbisyo { $cost } − gastos sa pagkuha { $acquisition }
evidence-let-go-two-windows = lugi sa bawat isa sa huling dalawang panahong tig-{ $days } araw ({ $previous } at { $current })
evidence-let-go-costly = ang gastos sa serbisyo na { $cost } ay hindi bababa sa { $multiple } × ng margin na { $margin } sa nakaraang { $days } araw
evidence-ideal-prospect = profile na nasa nangungunang { $share } % ng mga prospect ayon sa pagkakahawig sa tier A
evidence-owner-risk-tier-a = kliyenteng tier A
evidence-owner-risk-no-owner = walang may-hawak
evidence-owner-risk-owner-left = umalis na ang may-hawak na si { $name }
evidence-owner-risk-one-employee = lahat ng { $contacts } pakikipag-ugnayan sa nakaraang { $days } araw ay mula sa iisang empleyado
action-prospect = suriin; kung huwarang prospect, habulin
action-new = salubungin sila; layunin ang pangalawang order
action-repeat = mangako nang kaunti, gumawa nang higit; gantimpalaan; mag-alok ng iba pang produkto
action-lapsed = lapitan sila na may bagong dahilan para bumili; mas mura ito kaysa maghanap ng bagong kliyente
action-lost = hanapin ang kanilang file, tawagan sila, ayusin ang mga lumang reklamo, mag-alok ng bayad-pinsala
action-reborn = pasalamatan sila; tiyaking talagang naayos na ang dating hinaing
action-dissatisfied = ayusin agad ang serbisyo, ng may-hawak, sa loob ng 24 oras
action-windbag = limitahan ang oras na ginugugol; huwag hayaang ubusin nila ang oras ng trabaho
action-unprofitable = bawasan ang gastos sa serbisyo o kumuha ng mas maraming negosyo bago magpasyang bitawan sila
action-let_go = baguhin ang presyo, o sabihin nang tapat na hindi akma ang serbisyong gusto nila sa presyong binabayaran nila
action-ideal_prospect = abutin sila sa channel na nagdala ng pinakamahuhusay na kliyente
action-owner_risk = magtalaga ng bagong may-hawak at magpakilala ng pangalawang kontak
