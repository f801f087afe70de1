" packetdrill / tcpdrill scripts
autocmd BufRead,BufNewFile *.pkt setfiletype pkt
