// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CLSPilot",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clspilot", targets: ["clspilot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.52.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.4.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
    ],
    targets: [
        // Domain types and rules. Foundation only.
        .target(name: "CLSCore"),
        // Persistence: Fluent models, migrations, queries, audit trail.
        .target(name: "CLSStore", dependencies: [
            "CLSCore",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ]),
        // File formats (CSV, XLSX, DOCX, GeoJSON). Pure.
        .target(name: "CLSFormats", dependencies: [
            "CLSCore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Server-side SVG charts and maps. Pure.
        .target(name: "CLSCharts", dependencies: ["CLSCore"]),
        // HTTP: routes, controllers, auth, CSRF, Leaf rendering, JSON API.
        .target(name: "CLSWeb", dependencies: [
            "CLSCore", "CLSStore", "CLSFormats", "CLSCharts",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "Leaf", package: "leaf"), .product(name: "LeafKit", package: "leaf-kit"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .executableTarget(name: "clspilot", dependencies: [
            "CLSWeb", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),

        .testTarget(name: "CLSCoreTests", dependencies: ["CLSCore"]),
        .testTarget(name: "CLSFormatsTests", dependencies: ["CLSFormats"]),
        .testTarget(name: "CLSChartsTests", dependencies: ["CLSCharts"]),
        // The store on its own database (SQLite, or PostgreSQL from CLS_TEST_DATABASE_URL): no Vapor.
        .testTarget(name: "CLSStoreTests", dependencies: [
            "CLSStore", "CLSCore", "CLSFormats",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "CLSWebTests", dependencies: [
            "CLSWeb", "CLSStore",
            .product(name: "XCTVapor", package: "vapor"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
