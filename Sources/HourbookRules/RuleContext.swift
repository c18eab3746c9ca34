import HourbookCore

/// Look-ups every rule family shares, built once from the dataset.
struct RuleContext: Sendable {
    let learners: [String: Learner]
    /// Usable chapters only: a chapter whose course was dropped is unknown.
    let chapters: [String: Chapter]
    let courses: [String: Course]
    let classes: [String: TrainingClass]
    let categories: [String: Category]

    init(_ dataset: Dataset) {
        learners = Dictionary(dataset.learners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        courses = Dictionary(dataset.courses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let courseIDs = courses
        chapters = Dictionary(
            dataset.chapters.filter { courseIDs[$0.courseID] != nil }.map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first })
        classes = Dictionary(dataset.classes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        categories = Dictionary(dataset.settings.categories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
