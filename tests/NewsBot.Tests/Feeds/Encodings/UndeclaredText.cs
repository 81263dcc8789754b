namespace NewsBot.Tests.Feeds.Encodings;

/// <summary>
/// News-like text in each script, written for these tests: the undeclared-encoding fixtures are this text encoded with
/// the legacy encoding, as a site serving it would.
/// </summary>
internal static class UndeclaredText
{
    public static readonly (string Encoding, string[] Items)[] Samples =
    [
        ("big5", ["立法院今日三讀通過預算案，行政院表示將盡快執行。", "颱風今晚接近台灣東部海面，氣象局發布海上警報。", "台北股市今天收盤上漲，成交金額創下三個月來新高。", "教育部宣布明年起調整大學入學考試制度，家長團體表示歡迎。"]),
        ("gb18030", ["国务院今天召开常务会议，部署进一步扩大国内需求的措施。", "中国人民银行宣布下调存款准备金率，市场反应积极。", "北京市发布暴雨蓝色预警，提醒市民注意出行安全。", "教育部表示，今年高校毕业生就业形势总体稳定。"]),
        ("euc-jp", ["政府は今日の閣議で、来年度の予算案を決定しました。", "東京株式市場では、日経平均株価が三日ぶりに反発しました。", "気象庁によりますと、台風は明日の朝に九州に接近する見込みです。", "文部科学省は、大学入試の新しい制度について説明会を開きました。"]),
        ("shift_jis", ["首相は記者会見で、経済対策の規模を明らかにしました。", "大阪府では、新しい観光施設の建設が始まりました。", "警察によりますと、事故の原因はまだ分かっていません。", "日本銀行は、金融政策の現状維持を決めました。"]),
        ("euc-kr", ["정부는 오늘 국무회의에서 내년도 예산안을 의결했습니다.", "서울 증시는 외국인 매수세에 힘입어 상승 마감했습니다.", "기상청은 내일 전국에 비가 내릴 것으로 예보했습니다.", "교육부는 대학 입시 제도 개편안을 발표했습니다."]),
        ("koi8-r", ["Правительство утвердило проект бюджета на следующий год.", "В Москве сегодня ожидается сильный снегопад и гололедица.", "Центральный банк сохранил ключевую ставку без изменений.", "Министерство образования объявило о новых правилах приёма в вузы."]),
        ("windows-1251", ["Президент подписал указ о поддержке малого бизнеса в регионах.", "На выборах в городской совет победили представители оппозиции.", "Учёные сообщили об открытии новой звезды в соседней галактике.", "Цены на бензин в стране выросли на три процента за месяц."]),
        ("x-mac-cyrillic", ["Парламент одобрил закон о защите персональных данных граждан.", "Железная дорога запустила новый скоростной поезд между городами.", "В театре состоялась премьера оперы известного композитора.", "Синоптики обещают тёплую погоду до конца недели."]),
        ("windows-874", ["รัฐบาลประกาศมาตรการกระตุ้นเศรษฐกิจชุดใหม่ในวันนี้", "กรมอุตุนิยมวิทยาเตือนประชาชนระวังฝนตกหนักในภาคใต้", "ตลาดหุ้นไทยปิดตลาดวันนี้ปรับตัวเพิ่มขึ้นเล็กน้อย", "กระทรวงศึกษาธิการประกาศปฏิทินการศึกษาใหม่สำหรับปีหน้า"]),
        ("windows-1255", ["הממשלה אישרה היום את תקציב המדינה לשנה הבאה.", "בתל אביב נפתח הבוקר קו חדש של הרכבת הקלה.", "בנק ישראל הודיע על העלאת הריבית ברבע אחוז.", "משרד החינוך פרסם את תוצאות בחינות הבגרות."]),
        ("windows-1252", ["Le président a présenté hier soir un plan de réformes économiques très ambitieux.", "À Paris, la grève des transports a été reconduite jusqu’à vendredi prochain.", "Les élèves des lycées français passeront l’épreuve de philosophie à la fin du mois.", "Météo : des orages très violents sont attendus dès ce soir dans le sud-est du pays."]),
        ("macintosh", ["Der Bundestag hat am Donnerstag über die neue Rentenreform beraten, die Opposition übte scharfe Kritik.", "In München eröffnet das größte Museum für zeitgenössische Kunst seine Türen für Besucher.", "Die Bahn kündigte für das kommende Wochenende weitere Zugausfälle und Verspätungen an.", "Wetter: Nach dem Föhn kühlt es in Süddeutschland deutlich ab, örtlich fällt Schnee."]),
    ];

    /// <summary>An RSS 2.0 document of the sample with no charset anywhere: no BOM, no encoding in the declaration.</summary>
    public static string Rss((string Encoding, string[] Items) sample, string? declaration = "<?xml version=\"1.0\"?>")
    {
        var items = string.Concat(sample.Items.Select((text, i) =>
            $"<item><title>{text[..Math.Min(text.Length, 20)]}</title><link>https://news.example/{i}</link>" +
            $"<description>{text} {text}</description><pubDate>Mon, 0{i + 1} Dec 2025 08:00:00 GMT</pubDate></item>\n"));
        return $"{declaration}\n<rss version=\"2.0\"><channel><title>{sample.Items[0][..10]}</title><link>https://news.example/</link>\n{items}</channel></rss>";
    }
}
