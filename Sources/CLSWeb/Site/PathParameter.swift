import Foundation

/// A parameter of a path: its name when the route is registered (`.key`), its value when a link is
/// built (`.value`). One case of `SitePath` thus serves both, as in the Swift Package Index server.
enum Param<Value: Hashable & Sendable>: Hashable, Sendable {
    case key
    case value(Value)
}

/// One piece of a path: fixed text, or a named parameter with or without its value.
enum PathSegment: Hashable, Sendable {
    case fixed(String)
    case parameter(name: String, value: String?)
    /// Everything below (the API's catch-all); only for registering a route.
    case catchAll
}

extension Param where Value == UUID {
    func segment(_ name: String) -> PathSegment {
        switch self {
        case .key: .parameter(name: name, value: nil)
        case .value(let id): .parameter(name: name, value: id.uuidString)
        }
    }
}

extension Param where Value == Int {
    func segment(_ name: String) -> PathSegment {
        switch self {
        case .key: .parameter(name: name, value: nil)
        case .value(let number): .parameter(name: name, value: String(number))
        }
    }
}

extension Param where Value == String {
    func segment(_ name: String) -> PathSegment {
        switch self {
        case .key: .parameter(name: name, value: nil)
        case .value(let text): .parameter(name: name, value: text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text)
        }
    }
}

extension Array where Element == PathSegment {
    /// Fixed segments from path text: `["gouvernance", "calendrier.ics"]` from "gouvernance/calendrier.ics".
    static func fixed(_ text: String) -> [PathSegment] {
        text.split(separator: "/").map { .fixed(String($0)) }
    }
}
