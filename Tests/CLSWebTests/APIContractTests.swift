import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The JSON API as described by `Resources/OpenAPI/openapi.json` (exercised with schemathesis by
/// `scripts/api-check`): the bugs that check found, kept fixed.
final class APIContractTests: XCTestCase {
    static func bearer(_ email: String, on app: Application) async throws -> HTTPHeaders {
        let user = try await User.query(on: app.db).filter(\.$email == email).first()
        let token = try await APITokens.issue(for: try XCTUnwrap(user), label: "test", using: Mutations(database: app.db, actor: .system))
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return headers
    }

    /// `GET /api/v1/contracts?page=…`: a page number whose offset (page × page size) does not fit
    /// in an Int aborted the whole server (arithmetic overflow). Past the last page the list is empty.
    func testHugePageNumberAnswersAnEmptyPageInsteadOfAbortingTheServer() async throws {
        try await TestApp.run { app, _ in
            let headers = try await Self.bearer("admin@demo.cls-pilot.fr", on: app)
            let client = WebClient(app)
            let all = try JSONDecoder().decode([ContractJSON].self, from: Data(try await client.get("/api/v1/contracts", headers: headers).body.string.utf8))
            XCTAssertGreaterThan(all.count, 2)

            for query in ["page=922337203685477580&pageSize=100", "page=\(Int.max)&pageSize=10000", "page=\(Int.max)",
                          "page=\(APIController.maxPage + 1)&pageSize=\(Int.max)"] {
                let response = try await client.get("/api/v1/contracts?\(query)", headers: headers)
                XCTAssertEqual(response.status, .ok, query)
                XCTAssertEqual(response.body.string, "[]", query)
            }
            // Pages within range are unchanged; below 1 means the first page.
            let second = try await client.get("/api/v1/contracts?page=2&pageSize=1", headers: headers)
            XCTAssertEqual(try JSONDecoder().decode([ContractJSON].self, from: Data(second.body.string.utf8)).map(\.id), [all[1].id])
            let first = try await client.get("/api/v1/contracts?page=\(Int.min)&pageSize=1", headers: headers)
            XCTAssertEqual(try JSONDecoder().decode([ContractJSON].self, from: Data(first.body.string.utf8)).map(\.id), [all[0].id])

            // A page number that is not an integer is a 400 with the API's error body.
            let refused = try await client.get("/api/v1/contracts?page=99999999999999999999", headers: headers)
            XCTAssertEqual(refused.status, .badRequest)
            let body = try JSONSerialization.jsonObject(with: Data(refused.body.string.utf8)) as? [String: Any]
            let error = try XCTUnwrap(body?["error"] as? [String: Any])
            XCTAssertEqual(error["status"] as? Int, 400)
            XCTAssertNotNil(error["message"] as? String)
        }
    }
}
