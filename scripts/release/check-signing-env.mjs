// Release preflight: a release build must be signed (and, on macOS,
// notarized), and electron-builder quietly skips both when credentials are
// missing. This names what is missing (never a value) and fails first.
//   node scripts/release/check-signing-env.mjs win|mac
const REQUIREMENTS = {
  win: [
    // electron-builder reads WIN_CSC_* before CSC_* when building for Windows.
    {
      name: 'Windows code-signing certificate',
      anyOf: [
        ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD'],
        ['CSC_LINK', 'CSC_KEY_PASSWORD'],
      ],
    },
  ],
  mac: [
    { name: 'Developer ID Application certificate', anyOf: [['CSC_LINK', 'CSC_KEY_PASSWORD']] },
    {
      name: 'notarization credentials',
      anyOf: [
        ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
        ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
        ['APPLE_KEYCHAIN_PROFILE'],
      ],
    },
  ],
};

const platform = process.argv[2];
const requirements = REQUIREMENTS[platform];
if (!requirements) {
  console.error('usage: node scripts/release/check-signing-env.mjs win|mac');
  process.exit(2);
}
const isSet = (variable) => (process.env[variable] ?? '').trim() !== '';
const missing = requirements.filter(({ anyOf }) => !anyOf.some((set) => set.every(isSet)));
for (const { name, anyOf } of missing) {
  console.error(`missing ${name}: set ${anyOf.map((set) => set.join(' + ')).join(', or ')}`);
}
if (missing.length > 0) process.exit(1);
console.log(`signing environment for ${platform} is complete`);
