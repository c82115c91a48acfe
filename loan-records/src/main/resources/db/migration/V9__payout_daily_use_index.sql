-- A channel's daily use (ChannelRegistry: today's payouts on it that succeeded or may have) is read
-- for every routing decision and every payout sent or resolved; without this index each read scans
-- the whole payout table.
create index ix_payout_channel_created on payout (channel, created_at);
