// swift-tools-version: 6.0
import PackageDescription

// Hourbook: training records in, certified hours (学时) out.
// The data flows one way, one module per stage:
//   HourbookImport → HourbookRules → HourbookSite / HourbookEvidence,
// glued by the `Hourbook` pipeline library and driven by the thin `hourbook` executable.
let package = Package(
    name: "Hourbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hourbook", targets: ["hourbook"]),
        .library(name: "Hourbook", targets: ["Hourbook"]),
        // The import and the archive verifier on their own, for the fuzz targets in Fuzz/.
        .library(name: "HourbookImport", targets: ["HourbookImport"]),
        .library(name: "HourbookEvidence", targets: ["HourbookEvidence"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Values every stage shares: exact hours, dates, diagnostics, the typed dataset.
        .target(name: "HourbookCore", dependencies: ["CUncachedWrite"]),
        // pwritev2 with RWF_DONTCACHE, which Swift's Glibc module does not declare.
        .target(name: "CUncachedWrite"),
        // libxml2's streaming reader, through a shim header (see FINDINGS: ICU clash in debug builds).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // zlib itself: deflate and CRC-32 for the archives, one call per entry.
        .systemLibrary(name: "ZlibShim", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Import: data folder → Dataset + diagnostics.
        .target(
            name: "HourbookImport",
            dependencies: [
                "HourbookCore", "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Rules: Dataset → Ledger → Tally.
        .target(name: "HourbookRules", dependencies: ["HourbookCore"]),
        // Site: static HTML pages.
        .target(name: "HourbookSite", dependencies: ["HourbookCore", "HourbookRules"]),
        // Evidence: zipped, checksummed archives per department and year.
        .target(
            name: "HourbookEvidence",
            dependencies: [
                "HourbookCore", "HourbookRules", "ZlibShim",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Certificates (学时证明): verification codes, print files, verify.html, signed credentials.
        .target(
            name: "HourbookCertificates",
            dependencies: ["HourbookCore", "HourbookRules", .product(name: "Crypto", package: "swift-crypto")]),
        // The seeded generator of demo and benchmark data folders.
        .target(name: "HourbookDemo", dependencies: ["HourbookCore"]),
        // The pipeline: every stage in one place, plus exports and the atomic output swap.
        .target(
            name: "Hourbook",
            dependencies: [
                "HourbookCore", "HourbookImport", "HourbookRules", "HourbookSite", "HourbookEvidence",
                "HourbookCertificates", "HourbookDemo",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // The thin executable: argument parsing and printing only.
        .executableTarget(
            name: "hourbook",
            dependencies: [
                "Hourbook", "HourbookCertificates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "HourbookCoreTests", dependencies: ["HourbookCore"]),
        .testTarget(name: "HourbookImportTests", dependencies: ["HourbookImport", "HourbookCore"]),
        .testTarget(name: "HourbookRulesTests", dependencies: ["HourbookRules", "HourbookImport", "HourbookCore"]),
        .testTarget(
            name: "HourbookSiteTests",
            dependencies: ["HourbookSite", "Hourbook", "HourbookCertificates", "HourbookRules", "HourbookCore"]),
        .testTarget(
            name: "HourbookEvidenceTests",
            dependencies: [
                "HourbookEvidence", "Hourbook", "HourbookRules", "HourbookCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(
            name: "HourbookCertificatesTests",
            dependencies: ["HourbookCertificates", "Hourbook", "HourbookRules", "HourbookCore"]),
        .testTarget(
            name: "HourbookTests",
            dependencies: [
                "Hourbook", "HourbookCertificates", "HourbookDemo", "HourbookImport", "HourbookRules", "HourbookCore",
                "hourbook", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Digests"]),
    ]
)
