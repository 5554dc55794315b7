import { describe, expect, it } from 'vitest';
import { verifyProfile } from '../../src/discover/verify.js';
import { patternCandidates, wikidataCandidates } from '../../src/discover/candidates.js';

const utrecht = { id: 'utrecht', name: 'Utrecht', cbs: 'GM0344', accounts: {} };
const now = new Date('2026-11-28T00:00:00Z');

describe('verifying that a profile is the gemeente', () => {
  it.each([
    [
      'the real gemeente',
      'gemeenteutrecht',
      'Gemeente Utrecht',
      'Officieel account van de gemeente Utrecht. Stel hier je vraag!',
      true,
    ],
    ['a fan account', 'utrechtfans', 'Gemeente Utrecht fans', 'Alles over onze mooie stad!', false],
    ['a political party', 'pvdautrecht', 'PvdA Utrecht', 'De PvdA in de gemeenteraad van Utrecht', false],
    ['a news site', 'utrechtsnieuws', 'Utrechts Nieuwsblad', 'Het laatste nieuws uit de gemeente Utrecht', false],
    ['another gemeente', 'gemeentezeist', 'Gemeente Zeist', 'Officieel account van de gemeente Zeist', false],
    ['the town name without being official', 'utrecht', 'Utrecht', 'Mooie stad aan de Vecht', false],
  ])('%s', (_name, handle, name, bio, accepted) => {
    const v = verifyProfile(utrecht, { platform: 'x', handle, name, bio }, now);
    expect(v.accepted).toBe(accepted);
    if (accepted) expect(v.evidence).toEqual(expect.arrayContaining(['names "utrecht"', 'says "gemeente"']));
  });

  it('keeps and flags a dormant official account', () => {
    const quiet = verifyProfile(
      utrecht,
      {
        platform: 'mastodon',
        handle: 'utrecht@social.overheid.nl',
        name: 'Gemeente Utrecht',
        bio: 'Officieel account',
        lastPostAt: '2026-05-01T00:00:00Z',
      },
      now,
    );
    expect(quiet).toMatchObject({ accepted: true, dormant: true });
    expect(
      verifyProfile(
        utrecht,
        {
          platform: 'x',
          handle: 'gem_utrecht',
          name: 'Gemeente Utrecht',
          bio: 'Dit account wordt niet meer gebruikt. Volg @gemeenteutrecht.',
        },
        now,
      ),
    ).toMatchObject({ accepted: true, dormant: true });
  });

  it('names the candidates gemeenten use and reads Wikidata SPARQL results', () => {
    // Gemeente_DenHaag has 16 characters: too long for an X handle, so not a candidate.
    expect(
      patternCandidates({ id: 'den-haag', name: 'Den Haag', accounts: {} }, ['x', 'bluesky'], 'social.overheid.nl').map(
        (c) => c.handle,
      ),
    ).toEqual([
      'gemeenteDenHaag',
      'gem_denhaag',
      'gemDenHaag',
      'DenHaag',
      'den-haag.nl',
      'gemeentedenhaag.bsky.social',
      'denhaag.bsky.social',
    ]);
    const byCbs = wikidataCandidates({
      results: {
        bindings: [
          {
            item: { type: 'uri', value: 'http://www.wikidata.org/entity/Q803' },
            cbs: { type: 'literal', value: '0344' },
            x: { type: 'literal', value: 'gemeenteutrecht' },
          },
        ],
      },
    });
    expect(byCbs.get('GM0344')).toEqual([{ platform: 'x', handle: 'gemeenteutrecht', source: 'wikidata Q803' }]);
  });
});
