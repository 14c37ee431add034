// Names and places the scripts are filled with: invented, common, varied.

enum DemoCast {
    static let firstNames = [
        "Amara", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Isla", "Jamal", "Katarzyna", "Liam", "Maya", "Nikhil",
        "Olivia", "Pedro", "Quinn", "Rosa", "Samuel", "Tariq", "Uma", "Victor", "Wen", "Yusuf", "Zoe", "Aoife", "Bilal", "Carmen",
        "Dmitri", "Esther", "Femi", "Hannah", "Ivan", "Julia", "Kwame", "Leila", "Marcus", "Nadia", "Oscar", "Priya", "Rhys", "Sofia",
        "Tom", "Valentina", "William", "Xin", "Yara",
    ]
    static let surnames = [
        "Adeyemi", "Baker", "Chen", "Doherty", "Evans", "Fernandez", "Green", "Hussain", "Ito", "Jones", "Kowalski", "Lopez", "Murphy",
        "Nguyen", "Okafor", "Patel", "Quinn", "Rossi", "Smith", "Thompson", "Usman", "Varga", "Walsh", "Xu", "Young", "Zielinski",
        "Ahmed", "Brennan", "Campbell", "Diallo", "Eriksen", "Fraser", "Gallagher", "Hughes", "Iqbal", "Kaur", "Lindqvist", "Mensah",
    ]
    static let cities = [
        "Leeds", "Bristol", "Glasgow", "Cardiff", "Manchester", "Belfast", "Denver", "Chicago", "Austin", "Portland", "Toronto", "Dublin",
    ]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    static let doctors = ["Dr Okafor", "Dr Lindqvist", "Dr Patel", "Dr Brennan", "Dr Mensah", "Dr Rossi"]
    static let segments = ["standard", "standard", "standard", "premium", "small-business"]
}

/// An agent on the simulated floor, with the voice they always speak in.
struct DemoAgent: Sendable {
    var id: String
    var name: String
    var team: String
    var voice: DemoVoice
}

/// A customer who has contacted us before: repeat contacts come back as the same person.
struct DemoCustomer: Sendable {
    var id: String
    var firstName: String
    var surname: String
    var voice: DemoVoice
    var desk: DemoScenario.Desk
}
