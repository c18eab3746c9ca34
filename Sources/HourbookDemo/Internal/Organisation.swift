/// A department or unit of the demo association (departments.csv).
struct DemoDepartment {
    var id: String
    var name: String
    var parentID: String?
    var kind: String
    var sortOrder: Int
}

/// One learner of the roster (learners.csv), with the months in which the generator lets them study.
struct DemoLearner {
    var id: String
    var name: String
    var departmentID: String
    var rank: String
    var phone: String?
    var isPartyMember: Bool?
    var joinedOn: String?
    var leftOn: String?
    /// Month indices (0 = first month of the first year) in which the learner is employed.
    var firstMonth: Int
    var lastMonth: Int
}

/// 中国科协: the offices of the secretariat (机关部门) and directly affiliated units (直属单位).
enum Organisation {
    static let ranks = ["局级", "处级", "科级", "一般干部"]

    /// (id, name, kind, sub-departments)
    static let tree: [(String, String, String, [String])] = [
        ("JG01", "办公厅", "机关部门", []),
        ("JG02", "组织人事部", "机关部门", []),
        ("JG03", "科学技术普及部", "机关部门", []),
        ("JG04", "学会学术部", "机关部门", []),
        ("JG05", "调研宣传部", "机关部门", []),
        ("JG06", "国际联络部", "机关部门", []),
        ("JG07", "计划财务部", "机关部门", []),
        ("JG08", "科技人才发展部", "机关部门", []),
        ("JG09", "机关党委", "机关部门", []),
        ("ZS01", "中国科协党校", "直属单位", ["教务处", "培训部"]),
        ("ZS02", "中国科学技术馆", "直属单位", ["展览教育中心", "科普资源开发部", "综合管理部"]),
        ("ZS03", "中国科技出版传媒集团", "直属单位", ["图书出版中心", "期刊中心", "数字出版中心"]),
        ("ZS04", "中国科协创新战略研究院", "直属单位", ["科技政策研究所", "创新评估研究所"]),
        ("ZS05", "中国科普研究所", "直属单位", ["科普理论研究室", "科学素质监测评估中心"]),
        ("ZS06", "中国科协信息中心", "直属单位", []),
        ("ZS07", "中国科协服务中心", "直属单位", []),
    ]

    static let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The department tree; organisations of more than 2,000 learners get numbered offices
    /// (一处, 二处, …) under every department, about one per 250 learners.
    static func departments(learners: Int) -> [DemoDepartment] {
        var result: [DemoDepartment] = []
        let extra = learners > 2000 ? max(1, learners / 250 / tree.count) : 0
        for (order, (id, name, kind, subs)) in tree.enumerated() {
            result.append(DemoDepartment(id: id, name: name, parentID: nil, kind: kind, sortOrder: (order + 1) * 10))
            var names = subs
            if extra > 0 {
                for n in 1...extra { names.append(chineseNumber(n) + "处") }
            }
            for (subOrder, subName) in names.enumerated() {
                result.append(
                    DemoDepartment(
                        id: id + "-" + padded(subOrder + 1, 2), name: subName, parentID: id, kind: kind,
                        sortOrder: subOrder + 1))
            }
        }
        return result
    }

    /// 1 → 一, 12 → 十二, 35 → 三十五 (up to 999).
    static func chineseNumber(_ n: Int) -> String {
        if n <= 10 { return numerals[n - 1] }
        if n < 20 { return "十" + numerals[n - 11] }
        if n < 100 { return numerals[n / 10 - 1] + "十" + (n % 10 == 0 ? "" : numerals[n % 10 - 1]) }
        return numerals[n / 100 - 1] + "百" + (n % 100 == 0 ? "" : (n % 100 < 10 ? "零" : "") + chineseNumber(n % 100))
    }

    static let surnames = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    ).map(String.init)
    static let givenCharacters = Array(
        "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬建国建华志强志明海燕晓东晓明雪梅丹鹏飞宇浩然欣怡子涵雨轩思远博文佳怡嘉琪若曦立新振华文斌春燕秋实永健俊峰晨曦"
    ).map(String.init)

    static func name(_ rng: inout SeededGenerator) -> String {
        let surname = rng.pick(surnames)
        let given = rng.chance(400) ? rng.pick(givenCharacters) : rng.pick(givenCharacters) + rng.pick(givenCharacters)
        return surname + given
    }

    static let phonePrefixes = ["130", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159", "177", "180", "186", "187", "188", "189", "199"]

    /// The learner id of roster position `index` (1-based): `L0001`; index 0 is never in the roster.
    static func learnerID(_ index: Int, width: Int) -> String { "L" + padded(index, width) }

    /// Scenario learners 1…10 have fixed departments and ranks (docs/demo-data.md); the rest are drawn.
    static let scenarioLearners: [(department: String, rank: String)] = [
        ("JG01", "一般干部"), ("JG03", "一般干部"), ("JG02", "一般干部"), ("JG04", "处级"), ("JG05", "处级"),
        ("JG06", "科级"), ("ZS01-01", "科级"), ("JG01", "局级"), ("JG07", "科级"), ("ZS02-01", "一般干部"),
    ]

    static func learners(count: Int, width: Int, departments: [DemoDepartment], seed: UInt64) -> [DemoLearner] {
        var rng = SeededGenerator(seed: seed, stream: 2)
        let parents = Set(departments.compactMap(\.parentID))
        let leaves = departments.filter { !parents.contains($0.id) }.map(\.id)
        var result: [DemoLearner] = []
        result.reserveCapacity(count)
        for index in 1...count {
            let name = name(&rng)
            var learner: DemoLearner
            if index <= scenarioLearners.count {
                let fixed = scenarioLearners[index - 1]
                learner = DemoLearner(
                    id: learnerID(index, width: width), name: name, departmentID: fixed.department, rank: fixed.rank,
                    phone: nil, isPartyMember: true, joinedOn: nil, leftOn: nil, firstMonth: 0, lastMonth: 23)
            } else {
                let roll = rng.below(100)
                let rank = roll < 5 ? "局级" : roll < 30 ? "处级" : roll < 60 ? "科级" : "一般干部"
                learner = DemoLearner(
                    id: learnerID(index, width: width), name: name, departmentID: rng.pick(leaves), rank: rank,
                    phone: nil, isPartyMember: rng.chance(780), joinedOn: nil, leftOn: nil, firstMonth: 0, lastMonth: 23)
                if rng.chance(40) {
                    // Joined during the second year; half written as Excel writes dates.
                    let month = rng.within(1...10), day = rng.within(1...28)
                    learner.joinedOn = rng.chance(500) ? "2025/\(month)/\(day)" : DemoCalendar.text(2025, month, day)
                    learner.firstMonth = 12 + month - 1
                } else if rng.chance(300) {
                    learner.joinedOn = DemoCalendar.text(rng.within(1995...2023), rng.within(1...12), rng.within(1...28))
                }
                if rng.chance(30) {
                    let month = rng.within(3...12), day = rng.within(1...28)
                    learner.leftOn = DemoCalendar.text(2024, month, day)
                    learner.lastMonth = month - 1
                    if learner.firstMonth > learner.lastMonth { learner.joinedOn = nil; learner.firstMonth = 0 }
                }
                if rng.chance(30) { learner.isPartyMember = nil }
            }
            if index == 9 { learner.leftOn = "2024-09-30"; learner.lastMonth = 8 }
            if index == 10 { learner.joinedOn = "2025/3/1"; learner.firstMonth = 14 }
            if !rng.chance(25) {
                learner.phone = rng.pick(phonePrefixes) + padded(rng.below(100_000_000), 8)
            }
            result.append(learner)
        }
        return result
    }
}
