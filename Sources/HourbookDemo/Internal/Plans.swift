/// What a random learner means to do in one year, drawn before any record is written: the
/// hours they end up with (`target`), how many of them come from online chapters (`playback`)
/// and whether an external training is filed. Most learners plan to meet their requirement;
/// the rest fall short, some nearly, a few far.
struct YearPlan {
    enum Outcome { case met, near, far }
    var outcome: Outcome
    /// Requirement of the learner's rank, and its party-theory minimum (hundredths of hours).
    var required: Int64
    var partyTheoryMinimum: Int64
    /// Total hours aimed at.
    var target: Int64
    /// Hours the learner earns in online chapters before stopping for the year.
    var playback: Int64
    /// Hours of a planned external filing (0: none planned).
    var filing: Int64
}

enum Plans {
    static func requirement(rank: String) -> (total: Int64, partyTheory: Int64) {
        switch rank {
        case "局级": return (11_000, 2_000)
        case "处级": return (8_000, 1_000)
        default: return (5_000, 0)
        }
    }

    /// Plans for 2024 and 2025 of every learner (nil: the scenario's learners, or not employed that year).
    /// `offline[year − 2024][index − 1]` is what the learner's check-ins of that year credit (total, party-theory).
    static func make(learners: [DemoLearner], catalog: DemoCatalog, offline: [[(Int64, Int64)]], seed: UInt64) -> [[YearPlan?]] {
        var rng = SeededGenerator(seed: seed, stream: 20)
        var result: [[YearPlan?]] = []
        result.reserveCapacity(learners.count)
        for (offset, learner) in learners.enumerated() {
            let index = offset + 1
            guard index > Organisation.scenarioLearners.count else {
                result.append([nil, nil])
                continue
            }
            let requirement = requirement(rank: learner.rank)
            // A learner's habits hold across both years: a diligent one rarely falls far short.
            let diligence = rng.below(1000)
            var years: [YearPlan?] = []
            for slot in 0..<2 {
                let first = max(learner.firstMonth, slot * 12), last = min(learner.lastMonth, slot * 12 + 11)
                guard first <= last else {
                    years.append(nil)
                    continue
                }
                let roll = (diligence + rng.below(700)) / 2  // 0…849, centred on the learner's habit
                let outcome: YearPlan.Outcome = roll >= 270 ? .met : roll >= 130 ? .near : .far
                let factor: Int64
                switch outcome {
                case .met: factor = Int64(rng.within(1010...1150))
                case .near: factor = Int64(rng.within(780...950))
                case .far: factor = Int64(rng.within(150...720))
                }
                let target = requirement.total * factor / 1000 / 50 * 50
                let offline = offline[slot][offset].0
                // Cadres file external trainings more often; most others study online.
                let filingChance = learner.rank == "局级" ? 550 : learner.rank == "处级" ? 330 : 110
                var filing: Int64 = 0
                if rng.chance(filingChance) { filing = Int64(rng.within(10...40)) * 100 }
                let months = Int64(last - first + 1)
                // Online: the bulk for most, at most about six hours a month.
                // (A chapter half watched in December is credited in January: an hour to spare.)
                let playback = max(0, min(target - offline - filing + (outcome == .met ? 100 : 0), months * 480))
                years.append(
                    YearPlan(outcome: outcome, required: requirement.total, partyTheoryMinimum: requirement.partyTheory,
                             target: target, playback: playback, filing: filing))
            }
            result.append(years)
        }
        return result
    }
}
