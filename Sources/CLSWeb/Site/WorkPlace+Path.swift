import CLSStore

extension WorkPlace {
    /// The page where the thing is done or read.
    var path: SitePath {
        switch self {
        case let .contract(id): .contract(id)
        case let .programme(contract): .contract(contract, .programme(.tree))
        case let .action(contract, action): .contract(contract, .action(action, .page))
        case let .review(contract, year): .contract(contract, .review(.value(year), .page))
        case let .reviewEntry(contract, year, action): .contract(contract, .review(.value(year), .entry(action, .page)))
        case let .meeting(contract, meeting): .contract(contract, .governance(.meeting(meeting, .page)))
        case let .governance(contract): .contract(contract, .governance(.overview))
        case let .planImport(contract, upload): .contract(contract, .programme(.importUpload(.value(upload), .progress)))
        case let .referenceImport(id): .referenceImport(id, .page)
        }
    }
}
