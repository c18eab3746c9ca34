/// The search keys a Chinese personal name is found under besides itself, as the 拼音检索 of
/// Chinese HR systems offers: the given name (名), the full pinyin without tones (`taofang`
/// for 陶芳), its initials (`tf`) and the given name's pinyin (`fang`).
///
/// Readings come from `PinyinTable` (Unihan kMandarin's first reading). A surname whose
/// surname reading differs from the character's common one (单 shan, 曾 zeng, 解 xie, …) is
/// indexed under both, the surname reading first; compound surnames (欧阳, 司马, 诸葛, …)
/// stay whole, so 欧阳修's given name is 修.
enum PersonName {
    /// The extra keys of `name` (already normalized), without duplicates and without `name`
    /// itself; none for a name that is not 2–4 Han characters (`王 Ab`, `Smith`) except the
    /// pinyin of Han names joined by `·` (`买买提·艾力` → `maimaitiaili`).
    static func extraKeys(_ name: String) -> [String] {
        let characters = Array(name)
        let han = characters.filter { $0 != "·" && $0 != "•" }
        guard han.count >= 2, han.allSatisfy({ reading($0) != nil }) else { return [] }
        var keys: [String] = []
        func add(_ key: String) {
            if !key.isEmpty, key != name, !keys.contains(key) { keys.append(key) }
        }
        let isPlainName = han.count == characters.count && han.count <= 4
        let surnameLength = isPlainName && han.count >= 3 && compoundSurnames.contains(String(han[0..<2])) ? 2 : 1
        if isPlainName { add(String(han[surnameLength...])) }

        let given = han[surnameLength...].map { reading($0)! }
        var surnameReadings: [[String]] = [han[0..<surnameLength].map { reading($0)! }]
        if let special = compoundSurnameReading[String(han[0..<surnameLength])] { surnameReadings = [special] }
        if surnameLength == 1, isPlainName, let special = surnameReading[han[0]], special != surnameReadings[0][0] {
            surnameReadings.insert([special], at: 0)
        }
        for surname in surnameReadings {
            let syllables = surname + given
            add(syllables.joined())
            add(String(syllables.compactMap(\.first)))
        }
        if isPlainName { add(given.joined()) }
        return keys
    }

    /// The toneless pinyin of a Han character, nil for any other character.
    static func reading(_ character: Character) -> String? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return nil }
        for (index, range) in PinyinTable.ranges.enumerated() where range.first <= scalar.value && scalar.value <= range.last {
            let text = readings[index][Int(scalar.value - range.first)]
            return text.isEmpty ? nil : String(text)
        }
        return nil
    }

    /// `PinyinTable.ranges` split once into one reading per code point.
    private static let readings: [[Substring]] = PinyinTable.ranges.map {
        $0.readings.split(separator: " ", omittingEmptySubsequences: false)
    }

    /// Surnames read otherwise than the character's common reading (《百家姓》 readings).
    static let surnameReading: [Character: String] = [
        "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
        "盖": "ge", "乐": "yue", "覃": "qin", "翟": "zhai", "缪": "miao", "员": "yun", "召": "shao",
        "繁": "po", "种": "chong", "秘": "bi", "折": "she", "黑": "he", "尉": "yu", "隗": "wei",
        "重": "chong", "藏": "zang",
    ]

    /// Compound surnames read otherwise than their characters' common readings.
    static let compoundSurnameReading: [String: [String]] = [
        "万俟": ["mo", "qi"], "尉迟": ["yu", "chi"], "单于": ["chan", "yu"], "长孙": ["zhang", "sun"],
    ]

    /// Two-character surnames (复姓) kept whole when splitting off the given name.
    static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
        "夏侯", "轩辕", "令狐", "钟离", "澹台", "万俟", "独孤", "南宫", "西门", "百里", "呼延", "端木",
        "太史", "申屠", "闻人", "赫连", "拓跋", "司空", "公冶", "濮阳", "淳于", "单于", "仲孙", "东郭",
    ]
}
