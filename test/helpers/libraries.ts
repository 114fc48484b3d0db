// Tests that call the engine or an adapter directly get the parsing packages the hosts hand in
// (engine/libraries.ts, service/libraries.ts): vitest loads this before every test file.
import '../../src-main/service/libraries';
