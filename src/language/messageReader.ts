import { namesEntryOf, type PartnershipRegister } from '../partnerships/partnershipRegister.js';
import type { PeopleDirectory } from '../people/peopleDirectory.js';
import { canSeePartnership, type Actor } from '../permissions/permissions.js';
import type { Clock } from '../util/clock.js';
import type { RegisterNames } from './entities.js';
import type { LanguageUnderstanding, Understanding } from './understanding.js';

/** How long names read from storage are trusted when another instance may have changed them. */
const NAMES_TTL_MS = 60_000;

/**
 * Reads a message for a person: the register's names (cached, reloaded when
 * this instance changes the register or a minute has passed, for changes made
 * by other instances) with only the partnerships the person may see counted.
 */
export class MessageReader {
  private cached: { names: RegisterNames; registerRevision: number; peopleRevision: number; at: number } | undefined;
  private loading: Promise<RegisterNames> | undefined;

  constructor(
    readonly understanding: LanguageUnderstanding,
    private readonly register: PartnershipRegister,
    private readonly people: PeopleDirectory,
    private readonly clock: Clock,
  ) {}

  /** `asker` absent: the register's names are not used (inside a questionnaire, only the kind of message matters). */
  async read(text: string, asker?: Actor): Promise<Understanding> {
    const today = this.clock.now().toISOString().slice(0, 10);
    if (!asker) return this.understanding.understand(text, { today });
    const names = await this.names();
    return this.understanding.understand(text, {
      today,
      names,
      canSee: (id) => {
        const p = names.partnerships.get(id);
        return p !== undefined && canSeePartnership(asker, p);
      },
    });
  }

  private async names(): Promise<RegisterNames> {
    const fresh =
      this.cached &&
      this.cached.registerRevision === this.register.revision &&
      this.cached.peopleRevision === this.people.revision &&
      Date.now() - this.cached.at < NAMES_TTL_MS;
    if (fresh) return this.cached!.names;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<RegisterNames> {
    const registerRevision = this.register.revision;
    const peopleRevision = this.people.revision;
    const [partnerships, people] = await Promise.all([this.register.all(), this.people.everyone()]);
    const names = this.understanding.registerNames({
      partnerships: partnerships.map(namesEntryOf),
      people: people.map((p) => ({ objectId: p.objectId, name: p.name })),
    });
    this.cached = { names, registerRevision, peopleRevision, at: Date.now() };
    return names;
  }
}
