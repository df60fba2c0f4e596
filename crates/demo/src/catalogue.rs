//! The words of the demo base: names, places, telephone plans and the short texts
//! (complaint subjects, feedback comments, contact summaries, competitors) in the four
//! languages of Clientele's users: English, Persian, Georgian and Tagalog.
//!
//! Persian is in Persian script with the Persian letters (ی U+06CC, ک U+06A9, not the
//! Arabic ي and ك), and some names are joined with a zero-width non-joiner (U+200C) the way
//! they are really written, so that search folding and sorting meet real text. Georgian is in
//! Mkhedruli. Every name carries a Latin spelling for its e-mail address.

use clientele_core::enums::Channel;

/// The language of a customer's name and of the texts about them; follows the country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Language {
    English,
    Persian,
    Georgian,
    Tagalog,
}

impl Language {
    fn index(self) -> usize {
        match self {
            Language::English => 0,
            Language::Persian => 1,
            Language::Georgian => 2,
            Language::Tagalog => 3,
        }
    }
}

/// A word in its own script and in the Latin letters used for e-mail addresses.
pub(super) type Word = (&'static str, &'static str);

/// Words already in Latin script are their own e-mail spelling.
macro_rules! latin {
    ($($w:literal),* $(,)?) => { &[$(($w, $w)),*] };
}

pub(super) struct Names {
    pub female: &'static [Word],
    pub male: &'static [Word],
    pub family: &'static [Word],
}

const ENGLISH: Names = Names {
    female: latin![
        "Emily",
        "Olivia",
        "Sophie",
        "Charlotte",
        "Jessica",
        "Hannah",
        "Grace",
        "Amelia",
        "Emma",
        "Lucy",
        "Chloe",
        "Isla",
    ],
    male: latin![
        "James", "Oliver", "William", "Thomas", "Daniel", "Michael", "Harry", "George", "Jack",
        "Samuel", "Noah", "Liam",
    ],
    family: latin![
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Robinson",
        "Wright",
        "Thompson",
        "Evans",
        "Walker",
        "White",
        "Roberts",
        "Green",
        "Hall",
        "O'Brien",
        "MacDonald",
        "Clarke",
        "Patel",
        "Nguyen",
    ],
};

const PERSIAN: Names = Names {
    female: &[
        ("مریم", "maryam"),
        ("زهرا", "zahra"),
        ("فاطمه", "fatemeh"),
        ("مهسا", "mahsa"),
        ("نرگس", "narges"),
        ("سارا", "sara"),
        ("لیلا", "leila"),
        ("شیرین", "shirin"),
        ("نازنین", "nazanin"),
        ("الهام", "elham"),
        ("پریسا", "parisa"),
        ("سمیرا", "samira"),
        ("مهسا\u{200C}سادات", "mahsasadat"),
        ("فاطمه\u{200C}زهرا", "fatemehzahra"),
    ],
    male: &[
        ("محمد", "mohammad"),
        ("علی", "ali"),
        ("رضا", "reza"),
        ("حسین", "hossein"),
        ("مهدی", "mehdi"),
        ("امیر", "amir"),
        ("سعید", "saeed"),
        ("حمید", "hamid"),
        ("کامران", "kamran"),
        ("بهرام", "bahram"),
        ("محمدرضا", "mohammadreza"),
        ("امیرحسین", "amirhossein"),
        ("علی\u{200C}اکبر", "aliakbar"),
    ],
    family: &[
        ("احمدی", "ahmadi"),
        ("محمدی", "mohammadi"),
        ("حسینی", "hosseini"),
        ("رضایی", "rezaei"),
        ("کریمی", "karimi"),
        ("موسوی", "mousavi"),
        ("جعفری", "jafari"),
        ("صادقی", "sadeghi"),
        ("رحیمی", "rahimi"),
        ("نوری", "nouri"),
        ("کاظمی", "kazemi"),
        ("تهرانی", "tehrani"),
        ("اکبری", "akbari"),
        ("قاسمی", "ghasemi"),
        ("فراهانی", "farahani"),
        ("شریفی", "sharifi"),
        ("میرزایی", "mirzaei"),
        ("پورمحمدی", "pourmohammadi"),
        ("عبدالله\u{200C}زاده", "abdollahzadeh"),
        ("حسن\u{200C}زاده", "hassanzadeh"),
        ("نیک\u{200C}نام", "niknam"),
    ],
};

const GEORGIAN: Names = Names {
    female: &[
        ("ნინო", "nino"),
        ("მარიამ", "mariam"),
        ("ანა", "ana"),
        ("თამარ", "tamar"),
        ("ეკატერინე", "ekaterine"),
        ("ნათია", "natia"),
        ("სალომე", "salome"),
        ("ქეთევან", "ketevan"),
        ("მაკა", "maka"),
        ("ლიკა", "lika"),
        ("თეონა", "teona"),
        ("ნანა", "nana"),
    ],
    male: &[
        ("გიორგი", "giorgi"),
        ("დავით", "davit"),
        ("ლევან", "levan"),
        ("ირაკლი", "irakli"),
        ("ლაშა", "lasha"),
        ("ნიკოლოზ", "nikoloz"),
        ("ზურაბ", "zurab"),
        ("ალექსანდრე", "aleksandre"),
        ("გელა", "gela"),
        ("თორნიკე", "tornike"),
        ("ბექა", "beka"),
        ("ვახტანგ", "vakhtang"),
    ],
    family: &[
        ("ბერიძე", "beridze"),
        ("კაპანაძე", "kapanadze"),
        ("გელაშვილი", "gelashvili"),
        ("მაისურაძე", "maisuradze"),
        ("ლომიძე", "lomidze"),
        ("ხუციშვილი", "khutsishvili"),
        ("ნოზაძე", "nozadze"),
        ("ჯაფარიძე", "japaridze"),
        ("ცერცვაძე", "tsertsvadze"),
        ("ქავთარაძე", "kavtaradze"),
        ("გიორგაძე", "giorgadze"),
        ("ჩხეიძე", "chkheidze"),
        ("მამულაშვილი", "mamulashvili"),
        ("კვარაცხელია", "kvaratskhelia"),
        ("ბაქრაძე", "bakradze"),
        ("წერეთელი", "tsereteli"),
        ("აბაშიძე", "abashidze"),
    ],
};

const TAGALOG: Names = Names {
    female: latin![
        "Maria",
        "Ana",
        "Rosalinda",
        "Maricel",
        "Jasmine",
        "Kristine",
        "Ligaya",
        "Luzviminda",
        "Marites",
        "Imelda",
        "Corazon",
        "Divina",
        "Josefina",
        "Maria Clara",
    ],
    male: latin![
        "Juan",
        "Jose",
        "Andres",
        "Emilio",
        "Ramon",
        "Paolo",
        "Mark Anthony",
        "Jericho",
        "Rodrigo",
        "Bayani",
        "Dante",
        "Nestor",
    ],
    family: latin![
        "Dela Cruz",
        "Santos",
        "Reyes",
        "Bautista",
        "Garcia",
        "Mendoza",
        "Ramos",
        "Villanueva",
        "Castillo",
        "Aquino",
        "Manalo",
        "Pangilinan",
        "Macaraeg",
        "Dimaculangan",
        "De Guzman",
        "Soriano",
        "Navarro",
        "Tolentino",
        "Lacson",
        "Magbanua",
    ],
};

pub(super) fn names(language: Language) -> &'static Names {
    match language {
        Language::English => &ENGLISH,
        Language::Persian => &PERSIAN,
        Language::Georgian => &GEORGIAN,
        Language::Tagalog => &TAGALOG,
    }
}

/// The lower-case ASCII letters of a Latin spelling: `O'Brien` → `obrien`, `Dela Cruz` →
/// `delacruz`.
pub(super) fn email_part(latin: &str, out: &mut String) {
    out.extend(
        latin
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase()),
    );
}

/// A city with its region and ISO country, and the share of customers living there.
pub(super) struct Place {
    pub city: &'static str,
    pub region: &'static str,
    pub country: &'static str,
    pub language: Language,
    pub weight: u32,
}

const fn place(
    city: &'static str,
    region: &'static str,
    country: &'static str,
    language: Language,
    weight: u32,
) -> Place {
    Place {
        city,
        region,
        country,
        language,
        weight,
    }
}

/// About 30 % Iran, 25 % Georgia, 25 % the Philippines and 20 % English-speaking countries,
/// the capitals being the largest share of each.
pub(super) const PLACES: &[Place] = &[
    place("Tehran", "Tehran Province", "IR", Language::Persian, 14),
    place("Isfahan", "Isfahan Province", "IR", Language::Persian, 5),
    place("Shiraz", "Fars Province", "IR", Language::Persian, 4),
    place("Mashhad", "Razavi Khorasan", "IR", Language::Persian, 4),
    place("Tabriz", "East Azerbaijan", "IR", Language::Persian, 3),
    place("Tbilisi", "Tbilisi", "GE", Language::Georgian, 14),
    place("Batumi", "Adjara", "GE", Language::Georgian, 5),
    place("Kutaisi", "Imereti", "GE", Language::Georgian, 3),
    place("Rustavi", "Kvemo Kartli", "GE", Language::Georgian, 2),
    place(
        "Zugdidi",
        "Samegrelo-Zemo Svaneti",
        "GE",
        Language::Georgian,
        1,
    ),
    place("Manila", "Metro Manila", "PH", Language::Tagalog, 10),
    place("Quezon City", "Metro Manila", "PH", Language::Tagalog, 6),
    place("Cebu City", "Central Visayas", "PH", Language::Tagalog, 4),
    place("Davao City", "Davao Region", "PH", Language::Tagalog, 3),
    place("Baguio", "Cordillera", "PH", Language::Tagalog, 2),
    place("London", "England", "GB", Language::English, 6),
    place("Manchester", "England", "GB", Language::English, 2),
    place("Toronto", "Ontario", "CA", Language::English, 4),
    place("New York", "New York", "US", Language::English, 4),
    place("Sydney", "New South Wales", "AU", Language::English, 3),
    place("Auckland", "Auckland", "NZ", Language::English, 1),
];

/// A telephone number as people in the country write it. English-speaking countries get
/// numbers from the ranges their regulators reserve for fiction (UK 07700 900xxx, North
/// American 555-01xx, Australian 0491 570 xxx), so no real person is called.
pub(super) fn phone(country: &str, digits: u64, persian_digits: bool) -> String {
    let d = |from: u32, count: u32| (digits / 10u64.pow(from)) % 10u64.pow(count);
    let text = match country {
        "IR" => format!("+98 912 {:03} {:04}", d(0, 3), d(3, 4)),
        "GE" => format!(
            "+995 5{:02} {:02} {:02} {:02}",
            d(0, 2),
            d(2, 2),
            d(4, 2),
            d(6, 2)
        ),
        "PH" => format!("+63 917 {:03} {:04}", d(0, 3), d(3, 4)),
        "GB" => format!("+44 7700 900{:03}", d(0, 3)),
        "AU" => format!("+61 491 570 {:03}", 6 + d(0, 3) % 154),
        "NZ" => format!("+64 21 {:03} {:04}", d(0, 3), d(3, 4)),
        // US and CA: area code plus 555-01xx.
        _ => format!(
            "+1 {} 555 01{:02}",
            [212, 416, 646, 647][d(4, 2) as usize % 4],
            d(0, 2)
        ),
    };
    if !persian_digits {
        return text;
    }
    // Written the way many Iranian customers type it: the national format in Persian digits.
    text.replacen("+98 ", "0", 1)
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(v) => char::from_u32(0x06F0 + v).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// `example.com`, `.net` and `.org` are reserved for examples (RFC 2606), so no demo e-mail
/// reaches anyone.
pub(super) const EMAIL_DOMAINS: &[&str] = &["example.com", "example.net", "example.org"];

/// Per-language texts, indexed by [`Language`].
pub(super) struct Texts(pub [&'static [&'static str]; 4]);

impl Texts {
    pub(super) fn of(&self, language: Language) -> &'static [&'static str] {
        self.0[language.index()]
    }
}

pub(super) const COMPLAINT_SUBJECTS: Texts = Texts([
    &[
        "Late delivery",
        "Wrong item received",
        "Damaged packaging",
        "Charged twice",
        "Rude support agent",
        "Refund not received",
    ],
    &[
        "تأخیر در ارسال",
        "کالای اشتباه ارسال شد",
        "بسته\u{200C}بندی آسیب دیده بود",
        "دو بار از حسابم کسر شد",
        "برخورد نامناسب پشتیبانی",
        "وجه برگشت داده نشد",
    ],
    &[
        "მიწოდება დაგვიანდა",
        "არასწორი ნივთი მივიღე",
        "შეფუთვა დაზიანებული იყო",
        "თანხა ორჯერ ჩამომეჭრა",
        "უხეში მომსახურება",
        "თანხა არ დამიბრუნდა",
    ],
    &[
        "Huli ang delivery",
        "Maling item ang dumating",
        "Sira ang packaging",
        "Dalawang beses akong siningil",
        "Bastos ang customer service",
        "Hindi pa naibabalik ang refund",
    ],
]);

pub(super) const PRAISE: Texts = Texts([
    &[
        "Great service, will order again.",
        "Fast delivery and friendly staff.",
        "Exactly what I needed.",
    ],
    &[
        "خدمات عالی بود، باز هم خرید می\u{200C}کنم.",
        "ارسال سریع و برخورد خوب.",
        "دقیقاً همان چیزی بود که لازم داشتم.",
    ],
    &[
        "შესანიშნავი მომსახურება, კიდევ შევუკვეთავ.",
        "სწრაფი მიწოდება და თავაზიანი პერსონალი.",
        "ზუსტად ის, რაც მჭირდებოდა.",
    ],
    &[
        "Napakagandang serbisyo, oorder ulit ako.",
        "Mabilis ang delivery at mababait ang staff.",
        "Eksakto ang kailangan ko.",
    ],
]);

pub(super) const SHRUGS: Texts = Texts([
    &["It was okay.", "Fine, nothing special."],
    &["بد نبود.", "معمولی بود."],
    &["ნორმალური იყო.", "არაფერი განსაკუთრებული."],
    &["Okay lang.", "Ayos naman, walang espesyal."],
]);

pub(super) const GRIEVANCES: Texts = Texts([
    &[
        "Very disappointed with the quality.",
        "Nobody answered my emails.",
        "Too expensive for what you get.",
    ],
    &[
        "از کیفیت خیلی ناراضی\u{200C}ام.",
        "کسی به پیام\u{200C}هایم جواب نداد.",
        "برای این کیفیت خیلی گران است.",
    ],
    &[
        "ხარისხით ძალიან იმედგაცრუებული ვარ.",
        "ჩემს წერილებს არავინ პასუხობს.",
        "ამ ხარისხისთვის ძალიან ძვირია.",
    ],
    &[
        "Sobrang dismayado ako sa kalidad.",
        "Walang sumasagot sa mga email ko.",
        "Masyadong mahal para sa kalidad.",
    ],
]);

pub(super) const CONTACT_SUMMARIES: Texts = Texts([
    &[
        "Asked about order status",
        "Follow-up after purchase",
        "Quote requested",
        "Complaint about delivery",
        "Introduced new product line",
        "Payment reminder",
    ],
    &[
        "پیگیری وضعیت سفارش",
        "تماس پیگیری پس از خرید",
        "درخواست پیش\u{200C}فاکتور",
        "شکایت از ارسال",
        "معرفی محصولات جدید",
        "یادآوری پرداخت",
    ],
    &[
        "შეკვეთის სტატუსით დაინტერესდა",
        "შემდგომი ზარი შეძენის შემდეგ",
        "ფასის შეთავაზება მოითხოვა",
        "საჩივარი მიწოდებაზე",
        "ახალი პროდუქციის გაცნობა",
        "გადახდის შეხსენება",
    ],
    &[
        "Nagtanong tungkol sa status ng order",
        "Follow-up pagkatapos bumili",
        "Humingi ng quotation",
        "Reklamo tungkol sa delivery",
        "Ipinakilala ang bagong produkto",
        "Paalala sa bayad",
    ],
]);

/// Invented competitors (no real company is named).
pub(super) const COMPETITORS: Texts = Texts([
    &["Northwind Traders", "Contoso Supplies", "Fabrikam Direct"],
    &["بازرگانی آریا", "فروشگاه ستاره", "پخش البرز"],
    &["შპს ალაზანი", "ვარსკვლავი მარკეტი", "კავკასიის დისტრიბუცია"],
    &[
        "Bagong Araw Trading",
        "Tindahan ni Aling Nena",
        "Kalayaan Supplies",
    ],
]);

pub(super) const COMPETITOR_REASONS: Texts = Texts([
    &[
        "Lower prices",
        "Already has an annual contract with them",
        "Faster delivery",
        "Their sales rep is a friend",
    ],
    &[
        "قیمت پایین\u{200C}تر",
        "با آنها قرارداد سالانه دارد",
        "ارسال سریع\u{200C}تر",
        "نماینده فروششان از دوستانش است",
    ],
    &[
        "უფრო დაბალი ფასები",
        "მათთან წლიური კონტრაქტი აქვს",
        "უფრო სწრაფი მიწოდება",
        "მათი გაყიდვების აგენტი მისი მეგობარია",
    ],
    &[
        "Mas mura ang presyo nila",
        "May taunang kontrata na sila sa kanila",
        "Mas mabilis ang delivery nila",
        "Kaibigan niya ang ahente nila",
    ],
]);

/// How an organisation's name is built around a family name, per language.
pub(super) fn organisation_name(language: Language, family: &str, style: usize) -> String {
    match (language, style % 2) {
        (Language::English, 0) => format!("{family} & Co Ltd"),
        (Language::English, _) => format!("{family} Holdings"),
        (Language::Persian, 0) => format!("شرکت بازرگانی {family}"),
        (Language::Persian, _) => format!("گروه صنعتی {family}"),
        (Language::Georgian, 0) => format!("შპს {family}"),
        (Language::Georgian, _) => format!("{family} და პარტნიორები"),
        (Language::Tagalog, 0) => format!("{family} Trading Corporation"),
        (Language::Tagalog, _) => format!("{family} Enterprises"),
    }
}

/// Departments of the business itself, served as internal customers.
pub(super) const DEPARTMENTS: Texts = Texts([
    &["Marketing department", "Field service team", "Head office"],
    &["واحد بازاریابی", "واحد خدمات پس از فروش", "دفتر مرکزی"],
    &[
        "მარკეტინგის დეპარტამენტი",
        "მომსახურების გუნდი",
        "სათაო ოფისი",
    ],
    &[
        "Departamento ng Marketing",
        "Pangkat ng Serbisyo",
        "Punong Tanggapan",
    ],
]);

/// How customers of each language reach the business, as weights for call, email, SMS,
/// chat, meeting and visit: messaging apps in the Philippines, the telephone in Iran and
/// Georgia, e-mail in English-speaking countries.
pub(super) fn channel_weights(language: Language) -> &'static [u32; 6] {
    match language {
        Language::English => &[25, 45, 5, 15, 7, 3],
        Language::Persian => &[35, 10, 20, 20, 10, 5],
        Language::Georgian => &[40, 15, 10, 20, 10, 5],
        Language::Tagalog => &[20, 10, 25, 40, 3, 2],
    }
}

pub(super) const CHANNELS: [Channel; 6] = [
    Channel::Call,
    Channel::Email,
    Channel::Sms,
    Channel::Chat,
    Channel::Meeting,
    Channel::Visit,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn every_persian_text() -> Vec<&'static str> {
        let names = names(Language::Persian);
        let mut all: Vec<&str> = [names.female, names.male, names.family]
            .iter()
            .flat_map(|list| list.iter().map(|(native, _)| *native))
            .collect();
        for texts in [
            &COMPLAINT_SUBJECTS,
            &PRAISE,
            &SHRUGS,
            &GRIEVANCES,
            &CONTACT_SUMMARIES,
            &COMPETITORS,
            &COMPETITOR_REASONS,
            &DEPARTMENTS,
        ] {
            all.extend(texts.of(Language::Persian));
        }
        all
    }

    #[test]
    fn persian_text_uses_persian_letters_and_keeps_its_zero_width_non_joiners() {
        let all = every_persian_text();
        for text in &all {
            assert!(
                !text.contains(['\u{064A}', '\u{0643}']),
                "`{text}` has an Arabic yeh or kaf"
            );
        }
        assert!(all.iter().filter(|t| t.contains('\u{200C}')).count() >= 5);
    }

    #[test]
    fn georgian_names_are_in_mkhedruli() {
        let names = names(Language::Georgian);
        for (native, _) in names.female.iter().chain(names.male).chain(names.family) {
            assert!(
                native
                    .chars()
                    .all(|c| ('\u{10D0}'..='\u{10FA}').contains(&c)),
                "{native}"
            );
        }
    }

    #[test]
    fn phones_follow_each_country_plan() {
        assert_eq!(phone("IR", 1_234_567, false), "+98 912 567 1234");
        assert_eq!(phone("IR", 1_234_567, true), "۰۹۱۲ ۵۶۷ ۱۲۳۴");
        assert_eq!(phone("GB", 42, false), "+44 7700 900042");
        assert_eq!(phone("US", 3, false), "+1 212 555 0103");
    }
}
