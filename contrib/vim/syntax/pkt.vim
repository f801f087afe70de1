" Vim syntax file
" Language: packetdrill / tcpdrill scripts (.pkt)
" Install: copy contrib/vim/ into ~/.vim/ (or add it to 'runtimepath').
if exists("b:current_syntax")
  finish
endif

syn match   pktOption      "^\s*--[A-Za-z0-9_-]\+\(=\S\+\)\="
syn region  pktCommand     start="`" end="`"
syn region  pktCode        start="%{" end="}%"
syn match   pktComment     "//.*$"
syn region  pktComment     start="/\*" end="\*/"
syn region  pktString      start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=pktEscape
syn match   pktEscape      contained "\\\(x\x\x\|[nrtvf\\"]\)"
syn match   pktTime        "^\s*\(+\=\d*\.\=\d\+\(\~+\=\d*\.\=\d\+\)\=\|\*\)"
syn match   pktNumber      "\<0x\x\+\>"
syn match   pktNumber      "\<\d\+\>"
syn match   pktSequence    "\<\d\+:\d\+(\d\+)"
syn match   pktGuard       "@\(if\|elif\|else\)\>"
syn keyword pktGuard       kernel
syn keyword pktAssert      assert
syn keyword pktPacketWord  ack win urg mss wscale sackOK sack TS val ecr nop eol md5 FO FOEXP ECN
syn keyword pktPacketWord  e0b e1b ceb icmp udp raw payload kind len ipv4 ipv6 gre GREv0 mpls label
syn keyword pktPacketWord  tc ttl tos flowlabel noecn ect0 ect1 ect01 ce encap psp spi mtu id
syn match   pktTcpInfo     "\<\(tcpi_[a-z0-9_]\+\|TCP_CA_[A-Za-z]\+\)\>"
syn match   pktSymbol      "\<[A-Z][A-Z0-9_]*\>"
syn match   pktSyscall     "\<[a-z_][a-z0-9_]*\ze\s*("

hi def link pktOption     PreProc
hi def link pktCommand    String
hi def link pktCode       Special
hi def link pktComment    Comment
hi def link pktString     String
hi def link pktEscape     SpecialChar
hi def link pktTime       Number
hi def link pktNumber     Number
hi def link pktSequence   Number
hi def link pktGuard      Conditional
hi def link pktAssert     Keyword
hi def link pktPacketWord Keyword
hi def link pktTcpInfo    Identifier
hi def link pktSymbol     Constant
hi def link pktSyscall    Function

let b:current_syntax = "pkt"
