//! Whatever storage holds decodes to valid settings without panicking, and
//! what the extension writes back decodes to the same settings, cleanly.
#![no_main]
use libfuzzer_sys::fuzz_target;
use objector::core::email;
use objector::core::settings::Settings;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let (settings, _problems) = Settings::decode(&value);
    if let Some(e) = &settings.email {
        assert!(email::validate(e).is_ok(), "decoded an invalid email");
    }
    let (again, problems) = Settings::decode(&settings.encode());
    assert_eq!(again, settings);
    assert!(problems.is_empty(), "re-encoded settings have problems: {problems:?}");
});
