import type { LocaleModel, SlotType } from '../../../src/content/intent-model.js';
import { intent, slot } from './telecom-model.js';

/** Artists and playlists the sample utterances use; the tests use others. */
const artists = ['adele', 'the rolling stones', 'miles davis', 'madonna', 'nina simone', 'shakira', 'daft punk', 'prince', 'bob marley', 'lana del rey', 'ella fitzgerald', 'eminem', 'johnny cash', 'rihanna', 'frank ocean', 'norah jones'];
const playlists = ['morning coffee', 'road trip', 'summer', 'chill vibes', 'workout mix', 'oldies but goodies', 'rainy day', 'focus', 'party anthems', 'sunday brunch', 'study'];

const playTemplates = ['play {artist}', 'play some {artist}', 'i want to hear {artist}', 'put on {artist} please', 'can you play something by {artist}', 'play music by {artist}', 'shuffle songs by {artist}', 'i would like to listen to {artist} now'];
const addTemplates = ['add {artist} to {playlist}', 'put {artist} on my {playlist} playlist', 'add this song to {playlist}', 'save {artist} into the {playlist} list', 'please add a track by {artist} to my {playlist} playlist', 'add {artist} to the playlist {playlist}'];

/** Every template with several artists and playlists as `{slot=value}` examples. */
function filled(templates: readonly string[]): string[] {
  return templates.flatMap((template, row) =>
    [0, 1, 2, 3].map((column) =>
      template
        .replace('{artist}', `{artist=${artists[(row * 4 + column) % artists.length]}}`)
        .replace('{playlist}', `{playlist=${playlists[(row * 3 + column) % playlists.length]}}`),
    ),
  );
}

const artistType: SlotType = { kind: 'list', name: 'Artist', restrict: false, values: artists.slice(0, 6).map((value) => ({ value, synonyms: [] })) };
const playlistType: SlotType = { kind: 'list', name: 'Playlist', restrict: false, values: playlists.slice(0, 4).map((value) => ({ value, synonyms: [] })) };

/** Two music intents whose slots are open: any artist, any playlist name. */
export const musicModel: LocaleModel = {
  locale: 'en-US',
  slotTypes: [artistType, playlistType],
  intents: [
    intent('PlayMusic', filled(playTemplates), [slot('artist', 'Artist', false)]),
    intent('AddToPlaylist', filled(addTemplates), [slot('artist', 'Artist', false), slot('playlist', 'Playlist', false)]),
    intent('Greeting', ['hi', 'hello', 'hey there', 'good morning', 'hi how are you']),
  ],
};

/** Sentences with artists and playlists no utterance or list holds, and their slots. */
export const unseenValues: { intent: string; text: string; slots: Record<string, string> }[] = [
  { intent: 'PlayMusic', text: 'play zorblax quintet', slots: { artist: 'zorblax quintet' } },
  { intent: 'PlayMusic', text: 'i want to hear kiri moana', slots: { artist: 'kiri moana' } },
  { intent: 'PlayMusic', text: 'put on the velvet lanterns please', slots: { artist: 'the velvet lanterns' } },
  { intent: 'PlayMusic', text: 'can you play something by ozzie tremblay', slots: { artist: 'ozzie tremblay' } },
  { intent: 'PlayMusic', text: 'play music by margo', slots: { artist: 'margo' } },
  { intent: 'AddToPlaylist', text: 'add kiri moana to lazy sunday', slots: { artist: 'kiri moana', playlist: 'lazy sunday' } },
  { intent: 'AddToPlaylist', text: 'put zorblax quintet on my late night drive playlist', slots: { artist: 'zorblax quintet', playlist: 'late night drive' } },
  { intent: 'AddToPlaylist', text: 'add this song to beach house', slots: { playlist: 'beach house' } },
  { intent: 'AddToPlaylist', text: 'save margo into the study time list', slots: { artist: 'margo', playlist: 'study time' } },
  { intent: 'AddToPlaylist', text: 'please add a track by the velvet lanterns to my gym playlist', slots: { artist: 'the velvet lanterns', playlist: 'gym' } },
  { intent: 'PlayMusic', text: 'shuffle songs by ozzie', slots: { artist: 'ozzie' } },
];
