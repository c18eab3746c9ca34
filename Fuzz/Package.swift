// swift-tools-version: 5.4
import PackageDescription

// libFuzzer targets for Hourbook's readers of untrusted input. Not part of the root package, so
// `swift test` (CI) never builds them: a fuzz target has no `main` and needs `-sanitize=fuzzer`.
// Build and run them with `scripts/fuzz.sh` (see docs/fuzzing.md).
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM renames an executable target's `main` to
// `<Target>_main` and links with `--defsym main=<Target>_main`, which fails for a fuzz target,
// whose `main` is libFuzzer's. (The root package may use any newer tools version.)
let package = Package(
    name: "HourbookFuzz",
    dependencies: [
        .package(name: "Hourbook", path: ".."),
        // Only for the `SHA256` that `InputFile.openCSV` feeds; the root package pins the version.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // A scratch file per process, reused by every execution (the readers under test take paths).
        .target(name: "FuzzSupport"),
        // CSV reader + the importer's CSV decoders; the first byte picks the kind of file.
        .executableTarget(
            name: "FuzzCSV",
            dependencies: [
                "FuzzSupport", .product(name: "HourbookImport", package: "Hourbook"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // XMLEncoding + XMLStreamReader (the DOCTYPE refusal) + the catalog and filings decoders.
        .executableTarget(
            name: "FuzzXML",
            dependencies: [.product(name: "HourbookImport", package: "Hourbook")]),
        // hourbook.yaml through TextDecoding, Yams and SettingsLoader.
        .executableTarget(
            name: "FuzzSettings",
            dependencies: [.product(name: "HourbookImport", package: "Hourbook")]),
        // EvidenceVerifier on the bytes of a zip archive.
        .executableTarget(
            name: "FuzzVerifier",
            dependencies: ["FuzzSupport", .product(name: "HourbookEvidence", package: "Hourbook")]),
    ]
)
