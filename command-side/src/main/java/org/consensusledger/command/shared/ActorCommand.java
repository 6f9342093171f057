package org.consensusledger.command.shared;

/**
 * A command a person sends, carrying who sends it. The command's own {@link #actor()} is the one the aggregate
 * decides with and the one recorded in the events' metadata, so that the two cannot differ. Commands the ledger
 * sends itself (the sealing of minutes) have no actor and are not of this kind.
 */
public interface ActorCommand {

    Actor actor();
}
