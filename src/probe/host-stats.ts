import { IcmpPacer } from './icmp-pacer.js';
import { counted } from '../util/plural.js';

/** Most attempts a silent probe is given because of measured loss (nmap's default is 10 retries). */
export const MAX_ATTEMPTS = 10;
/** Chance, at most, that a port that answers stays silent on every attempt the measured loss asks for. */
const MISS_PROBABILITY = 1e-4;
/** The same while no attempt was lost yet: Laplace's estimate is already an upper bound of the loss then. */
const MISS_PROBABILITY_NO_LOSS = 1e-3;
/** Inconclusive witnessed attempts (the witness silent too) before a host is taken as ICMP rate-limited. */
const RATE_LIMIT_EVIDENCE = 3;

/** A closed UDP port of a host, sent right behind a resend to prove that the host could have answered it. */
export interface Witness {
  /** The port actually probed. */
  port: number;
  /** The table's port (chooses the payload). */
  tablePort: number;
}

/**
 * What the probes have taught about one host: the loss on its path (an attempt that stayed silent while a
 * later attempt to the same port was answered is one lost attempt, as nmap counts), whether it rate-limits
 * its ICMP errors, and a closed UDP port to witness with.
 */
export class HostStats {
  /** Probes that were answered (each counts once, on the attempt that got the answer). */
  answered = 0;
  /** Silent attempts of probes that were answered later. */
  lost = 0;
  /** Resends sent with a witness, and those where the witness stayed silent too. */
  pairs = 0;
  inconclusive = 0;
  witness?: Witness;
  /** Paces UDP resends once the host is found to rate-limit its ICMP errors. */
  pacer?: IcmpPacer;

  constructor(private readonly budgetMs: number) {}

  /** Records an answered probe and the attempts it lost before its answer. */
  recordAnswer(lostAttempts: number): void {
    this.answered++;
    this.lost += lostAttempts;
  }

  /** Records a witnessed resend; a silent witness counts as evidence of ICMP rate limiting. */
  recordPair(witnessAnswered: boolean): void {
    this.pairs++;
    if (witnessAnswered) return;
    this.inconclusive++;
    if (!this.pacer && this.inconclusive >= RATE_LIMIT_EVIDENCE && this.inconclusive * 2 > this.pairs)
      this.pacer = new IcmpPacer(this.budgetMs);
  }

  /** The loss per attempt measured so far (0 to 1), or undefined when nothing was answered. */
  loss(): number | undefined {
    const n = this.answered + this.lost;
    return n === 0 ? undefined : this.lost / n;
  }

  /**
   * How many silent attempts the measured loss asks for before a port is called silent: 1 while nothing
   * answered; else the least n with p^n <= 1e-4 (1e-3 while nothing was lost), p Laplace's cautious estimate
   * of the loss, (lost + 1) / (attempts + 2), at most MAX_ATTEMPTS. A few answers without loss are weak
   * evidence of a clean path, so a small table still gets 3 or 4 attempts; 30 answers without loss, 2.
   */
  attemptsForLoss(): number {
    if (this.answered === 0) return 1;
    const p = (this.lost + 1) / (this.lost + this.answered + 2);
    const miss = this.lost === 0 ? MISS_PROBABILITY_NO_LOSS : MISS_PROBABILITY;
    return Math.min(MAX_ATTEMPTS, Math.ceil(Math.log(miss) / Math.log(p)));
  }

  /** "19 % (18 of 95 attempts)" or "none measured (nothing answered)", for reasons. */
  describeLoss(): string {
    const loss = this.loss();
    if (loss === undefined) return 'not measured (nothing answered)';
    return `${Math.round(loss * 100)} % (${this.lost} of ${counted(this.lost + this.answered, 'attempt')} lost)`;
  }
}
